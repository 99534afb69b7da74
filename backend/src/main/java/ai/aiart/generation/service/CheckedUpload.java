package ai.aiart.generation.service;

import java.nio.file.Path;

/** An uploaded picture that passed every check: its real type, size and a content hash. */
public record CheckedUpload(Path file, String contentType, int width, int height, long size, String sha256) {
}
