package ai.aiart.generation;

import java.util.regex.Pattern;

import ai.aiart.core.AspectRatio;
import ai.aiart.web.Violations;

/** Body of {@code POST /api/v1/generate/text-to-image}. */
public record TextToImageRequest(String prompt, String negativePrompt, String aspectRatio, String style, Long seed) {

    static final Pattern ASPECT_RATIOS = Pattern.compile(AspectRatio.PATTERN);
    static final long MAX_SEED = 4294967294L;
    static final String SEED_MESSAGE = "The seed must be a whole number from 0 to " + MAX_SEED + ".";

    /** The checks of the body's fields; the prompt's length and characters and the style are checked as the job is made. */
    public void check() {
        new Violations()
                .notBlank("prompt", prompt, "Please describe the picture you want: the prompt must not be empty.")
                .matches("aspectRatio", aspectRatio, ASPECT_RATIOS, AspectRatio.MESSAGE)
                .between("seed", seed, 0, MAX_SEED, SEED_MESSAGE)
                .throwIfAny();
    }
}
