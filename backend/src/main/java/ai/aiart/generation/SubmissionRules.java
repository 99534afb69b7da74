package ai.aiart.generation;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.aiart.core.AspectRatio;
import ai.aiart.core.JobKind;
import ai.aiart.core.ProblemException;
import ai.aiart.core.Submission;
import ai.aiart.web.Violations;

/**
 * Every rule of what a generation request may carry, in one place (docs/GENERATION.md, "Where the
 * rules live"): the one parser of each way in — the JSON bodies of text-to-image and text-to-video,
 * the upload forms of image-to-image and image-to-video — into a {@link Submission}; the bounds,
 * defaults and messages it applies (constants here, or {@code aiart.generation.*} settings); the
 * conversion to the stored {@link Job.JobParams} and back, for the worker; and {@link #input()}, the
 * same rules as the site reads them ({@code GET /api/v1/limits/input}).
 *
 * <p>Each way in keeps the order of its checks, so a request gets the answer it always got: a JSON
 * body's field checks in one 400 listing every failed {@code {field, message}}, then the prompts'
 * characters and the style one at a time; a form's fields one at a time.
 */
@ApplicationScoped
public class SubmissionRules {

    public static final long MIN_SEED = 0;
    public static final long MAX_SEED = 4_294_967_294L;
    public static final double MIN_STRENGTH = 0;
    public static final double MAX_STRENGTH = 1;
    public static final double DEFAULT_STRENGTH = 0.6;
    /** The site's slider step; any value within the range is accepted. */
    public static final double STRENGTH_STEP = 0.05;
    public static final int MIN_DURATION_SECONDS = 1;
    public static final int MAX_DURATION_SECONDS = 8;
    /** The aspect ratio of a picture, and of a video, whose request names none. */
    public static final AspectRatio IMAGE_ASPECT_RATIO = AspectRatio.R1_1;
    public static final AspectRatio VIDEO_ASPECT_RATIO = AspectRatio.R16_9;
    /** The styles a visitor may pick; {@code none} (or nothing) is no style. */
    public static final List<String> STYLES = List.of("photographic", "digital-art", "anime", "watercolor",
            "oil-painting", "pixel-art", "neon-punk", "low-poly", "line-art");
    /** Most combining marks on one character: real scripts stack a few, "Zalgo" floods stack hundreds. */
    static final int MAX_STACKED_MARKS = 8;

    static final String NO_BODY = "Send a JSON object with at least a prompt.";
    static final String NO_PICTURE_PROMPT = "Please describe the picture you want: the prompt must not be empty.";
    static final String NO_VIDEO_PROMPT = "Please describe the video you want: the prompt must not be empty.";
    static final String NO_CHANGE_PROMPT = "Please describe how to change the picture: the prompt must not be empty.";
    static final String SEED_MESSAGE = "The seed must be a whole number from " + MIN_SEED + " to " + MAX_SEED + ".";
    static final String STRENGTH_MESSAGE = "The strength must be a number from " + plain(MIN_STRENGTH) + " to "
            + plain(MAX_STRENGTH) + ".";
    static final String DURATION_MESSAGE = "A video lasts from " + MIN_DURATION_SECONDS + " to " + MAX_DURATION_SECONDS
            + " seconds.";
    static final String STYLE_MESSAGE = "The style must be one of none, " + String.join(", ", STYLES) + ".";

    private static final Pattern ASPECT_RATIOS = Pattern.compile(AspectRatio.PATTERN);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int maxPromptLength;
    private final int defaultVideoSeconds;
    private final int longSide;
    private final int videoLongSide;
    /** {@link #input()}: made once, the settings only change with a restart. */
    private final Input input;

    @Inject
    public SubmissionRules(GenerationConfig config) {
        this(config.maxPromptLength(), config.defaultVideoSeconds(), config.longSide(), config.videoLongSide());
    }

    /** Rules with these settings ({@code aiart.generation.*}), for tests. */
    SubmissionRules(int maxPromptLength, int defaultVideoSeconds, int longSide, int videoLongSide) {
        this.maxPromptLength = maxPromptLength;
        this.defaultVideoSeconds = defaultVideoSeconds;
        this.longSide = longSide;
        this.videoLongSide = videoLongSide;
        this.input = new Input(maxPromptLength, maxPromptLength, new SeedRange(MIN_SEED, MAX_SEED),
                new StrengthRange(MIN_STRENGTH, MAX_STRENGTH, STRENGTH_STEP, DEFAULT_STRENGTH),
                new DurationRange(MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, defaultVideoSeconds),
                Arrays.stream(AspectRatio.values()).map(AspectRatio::wire).toList(),
                Map.of(JobKind.TEXT_TO_IMAGE.wire(), IMAGE_ASPECT_RATIO.wire(), JobKind.TEXT_TO_VIDEO.wire(),
                        VIDEO_ASPECT_RATIO.wire()),
                STYLES);
    }

    // ——— the four ways in ———

    /** The body of {@code POST /generate/text-to-image}. */
    public Submission textToImage(TextToImageRequest body) {
        Violations.requireBody(body, "request", NO_BODY);
        new Violations()
                .notBlank("prompt", body.prompt(), NO_PICTURE_PROMPT)
                .matches("aspectRatio", body.aspectRatio(), ASPECT_RATIOS, AspectRatio.MESSAGE)
                .between("seed", body.seed(), MIN_SEED, MAX_SEED, SEED_MESSAGE)
                .throwIfAny();
        return text(JobKind.TEXT_TO_IMAGE, body.prompt(), body.negativePrompt(), body.aspectRatio(), body.style(),
                body.seed(), null);
    }

    /** The body of {@code POST /generate/text-to-video}. */
    public Submission textToVideo(TextToVideoRequest body) {
        Violations.requireBody(body, "request", NO_BODY);
        new Violations()
                .notBlank("prompt", body.prompt(), NO_VIDEO_PROMPT)
                .matches("aspectRatio", body.aspectRatio(), ASPECT_RATIOS, AspectRatio.MESSAGE)
                .between("durationSeconds", body.durationSeconds(), MIN_DURATION_SECONDS, MAX_DURATION_SECONDS,
                        DURATION_MESSAGE)
                .between("seed", body.seed(), MIN_SEED, MAX_SEED, SEED_MESSAGE)
                .throwIfAny();
        return text(JobKind.TEXT_TO_VIDEO, body.prompt(), body.negativePrompt(), body.aspectRatio(), body.style(),
                body.seed(), body.durationSeconds() != null ? body.durationSeconds() : defaultVideoSeconds);
    }

    /**
     * The fields of the {@code POST /generate/image-to-image} form, checked before the picture is read;
     * {@link Submission#fittedTo} gives it the picture's aspect ratio once it has been.
     */
    public Submission imageToImage(String prompt, String negativePrompt, String strength, String style, String seed) {
        if (prompt == null || prompt.isBlank()) {
            throw ProblemException.validation(NO_CHANGE_PROMPT);
        }
        Long seedValue = formSeed(seed);
        String checkedPrompt = prompt(prompt, "prompt");
        String negative = negativePrompt(negativePrompt);
        String checkedStyle = style(style);
        Double s = formNumber(strength, MIN_STRENGTH, MAX_STRENGTH, STRENGTH_MESSAGE);
        return new Submission(JobKind.IMAGE_TO_IMAGE, checkedPrompt, negative, null, checkedStyle, seed(seedValue),
                seedValue != null, s == null ? DEFAULT_STRENGTH : s, null);
    }

    /** The fields of the {@code POST /generate/image-to-video} form, checked before the picture is read; the prompt is optional. */
    public Submission imageToVideo(String prompt, String duration, String seed) {
        Long seedValue = formSeed(seed);
        String checkedPrompt = prompt == null || prompt.isBlank() ? null : prompt(prompt, "prompt");
        Double d = formNumber(duration, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, DURATION_MESSAGE);
        return new Submission(JobKind.IMAGE_TO_VIDEO, checkedPrompt, null, null, null, seed(seedValue), seedValue != null,
                null, d == null ? defaultVideoSeconds : (int) Math.round(d));
    }

    private Submission text(JobKind kind, String prompt, String negativePrompt, String aspectRatio, String style, Long seed,
            Integer durationSeconds) {
        String checkedPrompt = prompt(prompt, "prompt");
        String negative = negativePrompt(negativePrompt);
        String checkedStyle = style(style);
        String ratio = aspectRatio != null ? aspectRatio : defaultAspectRatio(kind).wire();
        return new Submission(kind, checkedPrompt, negative, ratio, checkedStyle, seed(seed), seed != null, null,
                durationSeconds);
    }

    // ——— the job: stored, and rebuilt by the worker ———

    /** What the job stores of {@code submission}, with the size to make; an upload's submission must be {@link Submission#fittedTo fitted}. */
    public Job.JobParams toParams(Submission submission) {
        if (submission.aspectRatio() == null) {
            throw new IllegalStateException("the submission has no aspect ratio yet: fit it to its picture first");
        }
        int[] size = AspectRatio.parse(submission.aspectRatio()).size(submission.kind().video() ? videoLongSide : longSide);
        Job.JobParams params = new Job.JobParams();
        params.prompt = submission.prompt();
        params.negativePrompt = submission.negativePrompt();
        params.aspectRatio = submission.aspectRatio();
        params.style = submission.style();
        params.seed = submission.seed();
        params.seedGiven = submission.seedGiven();
        params.width = size[0];
        params.height = size[1];
        params.strength = submission.strength();
        params.durationSeconds = submission.durationSeconds();
        return params;
    }

    /**
     * The submission a stored job was made from, for its worker: {@code prompt} and {@code negativePrompt}
     * as opened from the store. Nothing is checked again — the job was accepted under the rules of its
     * day — and a value the document lacks takes today's default, so any job already stored still runs.
     */
    public Submission fromJob(Job job, String prompt, String negativePrompt) {
        JobKind kind = job.jobKind();
        Job.JobParams p = job.params;
        Double strength = kind != JobKind.IMAGE_TO_IMAGE ? null : p.strength != null ? p.strength : DEFAULT_STRENGTH;
        Integer duration = !kind.video() ? null : p.durationSeconds != null ? p.durationSeconds : defaultVideoSeconds;
        return new Submission(kind, prompt, negativePrompt, p.aspectRatio, p.style, p.seed, p.seedGiven, strength, duration);
    }

    // ——— the rules as the site reads them ———

    /**
     * The answer of {@code GET /api/v1/limits/input}: what the site's form may send, from these rules.
     * Lengths are in characters (Unicode code points).
     */
    public record Input(int promptMaxLength, int negativePromptMaxLength, SeedRange seed, StrengthRange strength,
            DurationRange durationSeconds, List<String> aspectRatios, Map<String, String> defaultAspectRatio, List<String> styles) {
    }

    public record SeedRange(long min, long max) {
    }

    public record StrengthRange(double min, double max, double step, @JsonProperty("default") double byDefault) {
    }

    public record DurationRange(int min, int max, @JsonProperty("default") int byDefault) {
    }

    public Input input() {
        return input;
    }

    /** The aspect ratio a request of {@code kind} that names none gets. */
    public static AspectRatio defaultAspectRatio(JobKind kind) {
        return kind.video() ? VIDEO_ASPECT_RATIO : IMAGE_ASPECT_RATIO;
    }

    // ——— the single rules ———

    /** The seed to use: the caller's, or one drawn now (below 2^31 - 1, which every upstream takes) and stored with the job. */
    private static long seed(Long given) {
        return given != null ? given : RANDOM.nextInt(Integer.MAX_VALUE);
    }

    /** An optional seed sent as a form field. */
    private static Long formSeed(String value) {
        Double seed = formNumber(value, MIN_SEED, MAX_SEED, SEED_MESSAGE);
        if (seed != null && seed != Math.rint(seed)) {
            throw ProblemException.validation(SEED_MESSAGE);
        }
        return seed == null ? null : seed.longValue();
    }

    /** An optional number sent as a form field; 400 with {@code message} when it is not one within the range. */
    private static Double formNumber(String value, double min, double max, String message) {
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

    private String negativePrompt(String text) {
        return text == null || text.isBlank() ? null : prompt(text, "negative prompt");
    }

    /**
     * The text stripped, and checked not too long, free of control characters, of broken UTF-16 (a lone
     * surrogate, e.g. from a {@code \ud800} escape), of text-direction overrides (which make a prompt
     * display as something else) and of combining-mark floods. Blank text is refused before this.
     */
    private String prompt(String text, String what) {
        String cleaned = text.strip();
        if (cleaned.codePointCount(0, cleaned.length()) > maxPromptLength) {
            throw ProblemException.validation("The " + what + " is too long: at most " + maxPromptLength + " characters, please.");
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

    /** The style to use, {@code null} for none. */
    private static String style(String style) {
        if (style == null || style.isBlank() || "none".equals(style)) {
            return null;
        }
        if (!STYLES.contains(style)) {
            throw ProblemException.validation(STYLE_MESSAGE);
        }
        return style;
    }

    /** 0.0 → "0", 0.5 → "0.5": a bound as a message says it. */
    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
