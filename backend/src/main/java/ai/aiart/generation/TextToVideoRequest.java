package ai.aiart.generation;

import ai.aiart.core.AspectRatio;
import ai.aiart.web.Violations;

/** Body of {@code POST /api/v1/generate/text-to-video}. */
public record TextToVideoRequest(String prompt, String negativePrompt, String aspectRatio, Integer durationSeconds,
        String style, Long seed) {

    /** The checks of the body's fields; the prompt's length and characters and the style are checked as the job is made. */
    public void check() {
        new Violations()
                .notBlank("prompt", prompt, "Please describe the video you want: the prompt must not be empty.")
                .matches("aspectRatio", aspectRatio, TextToImageRequest.ASPECT_RATIOS, AspectRatio.MESSAGE)
                .between("durationSeconds", durationSeconds, 1, 8, "A video lasts from 1 to 8 seconds.")
                .between("seed", seed, 0, TextToImageRequest.MAX_SEED, TextToImageRequest.SEED_MESSAGE)
                .throwIfAny();
    }
}
