package ai.aiart.provider;

import java.nio.file.Path;

import ai.aiart.core.JobKind;

/**
 * What a provider is asked to make.
 *
 * @param seed            always set: the caller's, or one drawn at submission
 * @param input           the uploaded picture for image-to-image and image-to-video, else null
 * @param strength        image-to-image: 0 keeps the upload, 1 changes it most; else null
 * @param durationSeconds videos: the length asked for; else null
 */
public record GenerationRequest(
        String jobId,
        JobKind kind,
        String prompt,
        String negativePrompt,
        String aspectRatio,
        String style,
        long seed,
        int width,
        int height,
        InputImage input,
        Double strength,
        Integer durationSeconds) {

    /** An uploaded picture, checked and stored in a local file for the provider to read. */
    public record InputImage(Path file, String contentType, int width, int height) {
    }
}
