package ai.aiart.core;

import java.util.Objects;

/**
 * One generation request, parsed, checked and defaulted once by the submission rules
 * ({@code generation/SubmissionRules}) from whichever way it came in (a JSON body or an upload form),
 * stored in its job's parameters and rebuilt from there by the worker, and read as it is by the
 * providers (docs/GENERATION.md, "Where the rules live"). Nothing after the rules trims, re-checks or
 * defaults these values. On the ground floor: the generation feature makes it, the providers read it.
 *
 * @param kind            what to make
 * @param prompt          stripped and checked; null only for an image-to-video without one
 * @param negativePrompt  stripped and checked, or null (never blank)
 * @param aspectRatio     a {@link AspectRatio#wire()}; for an upload, null until the picture has been read
 *                        ({@link #fittedTo})
 * @param style           one of the rules' styles, or null for none
 * @param seed            the caller's, or one drawn by the rules so the result can be made again
 * @param seedGiven       whether the caller chose the seed
 * @param strength        image-to-image only (always set there): 0 keeps the upload, 1 changes it most
 * @param durationSeconds videos only (always set there): the length to make
 */
public record Submission(JobKind kind, String prompt, String negativePrompt, String aspectRatio, String style, long seed,
        boolean seedGiven, Double strength, Integer durationSeconds) {

    public Submission {
        Objects.requireNonNull(kind, "kind");
        if (prompt == null && kind != JobKind.IMAGE_TO_VIDEO) {
            throw new IllegalArgumentException(kind.wire() + " needs a prompt");
        }
        if (kind == JobKind.IMAGE_TO_IMAGE && strength == null) {
            throw new IllegalArgumentException("image-to-image needs a strength");
        }
        if (kind.video() && durationSeconds == null) {
            throw new IllegalArgumentException(kind.wire() + " needs a duration");
        }
    }

    /** This submission at the supported aspect ratio nearest an uploaded picture's {@code width × height}. */
    public Submission fittedTo(int width, int height) {
        return new Submission(kind, prompt, negativePrompt, AspectRatio.nearest(width, height).wire(), style, seed, seedGiven,
                strength, durationSeconds);
    }

    /** This submission with its prompts shortened to what one provider takes (provider/upstream/InputFitting). */
    public Submission withPrompts(String prompt, String negativePrompt) {
        return new Submission(kind, prompt, negativePrompt, aspectRatio, style, seed, seedGiven, strength, durationSeconds);
    }
}
