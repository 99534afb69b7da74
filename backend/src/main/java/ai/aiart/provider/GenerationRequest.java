package ai.aiart.provider;

import java.nio.file.Path;

import ai.aiart.core.JobKind;
import ai.aiart.core.Submission;

/**
 * What a provider is asked to make: the job's {@link Submission}, checked and defaulted once by the
 * submission rules (a provider reads its values as they are), with the size to make and the upload.
 *
 * @param width  the width to make, from the aspect ratio (or the upload's shape) at the configured size
 * @param height the height to make
 * @param input  the uploaded picture for image-to-image and image-to-video, else null
 */
public record GenerationRequest(String jobId, Submission submission, int width, int height, InputImage input) {

    /** An uploaded picture, checked and stored in a local file for the provider to read. */
    public record InputImage(Path file, String contentType, int width, int height) {
    }

    public JobKind kind() {
        return submission.kind();
    }

    /** Stripped and checked; null only for an image-to-video without one. */
    public String prompt() {
        return submission.prompt();
    }

    /** Stripped and checked, or null: never blank. */
    public String negativePrompt() {
        return submission.negativePrompt();
    }

    public String aspectRatio() {
        return submission.aspectRatio();
    }

    /** A known style, or null for none. */
    public String style() {
        return submission.style();
    }

    /** Always set: the caller's, or one drawn at submission. */
    public long seed() {
        return submission.seed();
    }

    /** Image-to-image (always set there): 0 keeps the upload, 1 changes it most; else null. */
    public Double strength() {
        return submission.strength();
    }

    /** Videos (always set there): the length asked for; else null. */
    public Integer durationSeconds() {
        return submission.durationSeconds();
    }

    /** This request with its prompts shortened for one provider. */
    public GenerationRequest withPrompts(String prompt, String negativePrompt) {
        return new GenerationRequest(jobId, submission.withPrompts(prompt, negativePrompt), width, height, input);
    }

    /** This request with another upload file (a copy fitted to one provider). */
    public GenerationRequest withInput(InputImage input) {
        return new GenerationRequest(jobId, submission, width, height, input);
    }
}
