package ai.aiart.provider;

import java.nio.file.Path;

/**
 * What a provider made, written to a temporary file that the caller streams into the store
 * and then deletes.
 */
public record GeneratedMedia(String contentType, int width, int height, Double durationSeconds, Path file) {
}
