package ai.aiart.generation.service;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.AspectRatio;
import ai.aiart.generation.GenerationConfig;
import ai.aiart.generation.Job;
import ai.aiart.generation.Styles;
import ai.aiart.core.ProblemException;

/** Turns what a caller sent into checked job parameters, with the sizes to make. */
@ApplicationScoped
public class JobParamsFactory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_SEED = 4294967294L;

    private final GenerationConfig config;

    public JobParamsFactory(GenerationConfig config) {
        this.config = config;
    }

    /** Parameters of a picture or video from a prompt. */
    public Job.JobParams fromText(String prompt, String negativePrompt, String aspectRatio, String style, Long seed,
            boolean video) {
        Job.JobParams params = base(prompt, negativePrompt, style, seed);
        params.aspectRatio = aspectRatio == null || aspectRatio.isBlank() ? (video ? "16:9" : AspectRatio.DEFAULT) : aspectRatio;
        AspectRatio ratio = check(() -> AspectRatio.parse(params.aspectRatio));
        size(params, ratio, video);
        return params;
    }

    /**
     * Parameters of a job that starts from an uploaded picture, checked before the picture is
     * read; {@link #fitUpload} gives them the picture's shape once it has been.
     */
    public Job.JobParams fromUpload(String prompt, String negativePrompt, String style, Long seed) {
        return base(prompt == null || prompt.isBlank() ? null : prompt, negativePrompt, style, seed);
    }

    /** Sizes a job from an upload to the aspect ratio nearest the picture's {@code width × height}. */
    public void fitUpload(Job.JobParams params, int width, int height, boolean video) {
        AspectRatio ratio = AspectRatio.nearest(width, height);
        params.aspectRatio = ratio.wire();
        size(params, ratio, video);
    }

    /** Parses an optional number sent as a form field; 400 with {@code message} when it is not one. */
    public static Double number(String value, double min, double max, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isNaN(parsed) || parsed < min || parsed > max) {
                throw ProblemException.validation(message);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.validation(message);
        }
    }

    /** Parses an optional seed sent as a form field. */
    public static Long seed(String value) {
        Double seed = number(value, 0, MAX_SEED, "The seed must be a whole number from 0 to " + MAX_SEED + ".");
        if (seed != null && seed != Math.rint(seed)) {
            throw ProblemException.validation("The seed must be a whole number from 0 to " + MAX_SEED + ".");
        }
        return seed == null ? null : seed.longValue();
    }

    private Job.JobParams base(String prompt, String negativePrompt, String style, Long seed) {
        Job.JobParams params = new Job.JobParams();
        params.prompt = prompt == null ? null : text(prompt, "prompt");
        params.negativePrompt = negativePrompt == null || negativePrompt.isBlank() ? null : text(negativePrompt, "negative prompt");
        params.style = check(() -> Styles.normalize(style));
        params.seedGiven = seed != null;
        params.seed = seed != null ? seed : (long) RANDOM.nextInt(Integer.MAX_VALUE);
        return params;
    }

    private void size(Job.JobParams params, AspectRatio ratio, boolean video) {
        int[] size = ratio.size(video ? config.videoLongSide() : config.longSide());
        params.width = size[0];
        params.height = size[1];
        if (video) {
            params.durationSeconds = config.defaultVideoSeconds();
        }
    }

    /** Most combining marks on one character: real scripts stack a few, "Zalgo" floods stack hundreds. */
    private static final int MAX_STACKED_MARKS = 8;

    /**
     * Strips the text and checks it is not empty, not too long, free of control characters, of
     * broken UTF-16 (a lone surrogate, e.g. from a {@code \ud800} escape), of text-direction
     * overrides (which make a prompt display as something else) and of combining-mark floods.
     */
    String text(String text, String what) {
        String cleaned = text.strip();
        if (cleaned.isEmpty()) {
            throw ProblemException.validation("Please describe what you want: the " + what + " must not be empty.");
        }
        int max = config.maxPromptLength();
        if (cleaned.codePointCount(0, cleaned.length()) > max) {
            throw ProblemException.validation("The " + what + " is too long: at most " + max + " characters, please.");
        }
        if (cleaned.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t')) {
            throw ProblemException.validation("The " + what + " contains control characters; please use plain text.");
        }
        if (cleaned.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw ProblemException.validation("The " + what + " contains a broken character (an unpaired surrogate); please use plain text.");
        }
        if (cleaned.codePoints().anyMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
            throw ProblemException.validation("The " + what + " contains text-direction override characters; please use plain text.");
        }
        int stacked = 0;
        for (int i = 0; i < cleaned.length(); ) {
            int c = cleaned.codePointAt(i);
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK;
            stacked = mark ? stacked + 1 : 0;
            if (stacked > MAX_STACKED_MARKS) {
                throw ProblemException.validation("The " + what + " stacks too many accents on one letter; please use plain text.");
            }
            i += Character.charCount(c);
        }
        return cleaned;
    }

    private static <T> T check(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(e.getMessage());
        }
    }
}
