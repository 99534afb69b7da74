package ai.aiart.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aiart.core.AspectRatio;
import ai.aiart.core.ErrorType;
import ai.aiart.core.JobKind;
import ai.aiart.core.ProblemException;
import ai.aiart.core.Submission;

/**
 * The one parser of what a generation request carries (docs/GENERATION.md, "Where the rules live"):
 * every rule at its bound and just beyond it, every default, the answers' messages and fields, and
 * the way a submission is stored in its job and rebuilt from it by the worker.
 */
class SubmissionRulesTest {

    /** {@code aiart.generation.*}: a prompt of at most 20 characters, videos of 3 s unless asked, 1024 / 640 px. */
    private final SubmissionRules rules = new SubmissionRules(20, 3, 1024, 640);

    // ——— prompts ———

    @Test
    void aPromptIsStrippedAndItsLengthCountsCharactersUpToTheSettingInclusive() {
        assertEquals("x".repeat(20), image(" \n" + "x".repeat(20) + "\t ").prompt());
        assertEquals("😀".repeat(20), image("😀".repeat(20)).prompt(), "code points, not UTF-16 units");
        assertEquals("The prompt is too long: at most 20 characters, please.", refused(() -> image("x".repeat(21))));
        assertEquals("The negative prompt is too long: at most 20 characters, please.",
                refused(() -> rules.textToImage(new TextToImageRequest("a cat", "y".repeat(21), null, null, null))));
        assertEquals("y".repeat(20), rules.textToImage(new TextToImageRequest("a cat", "y".repeat(20), null, null, null))
                .negativePrompt());
        assertEquals("The prompt is too long: at most 20 characters, please.",
                refused(() -> rules.imageToImage("x".repeat(21), null, null, null, null)));
        assertEquals("The prompt is too long: at most 20 characters, please.",
                refused(() -> rules.imageToVideo("x".repeat(21), null, null)));
    }

    @Test
    void aPromptKeepsToPlainText() {
        assertEquals("line one\nline\ttwo", image("line one\nline\ttwo").prompt(), "newline and tab are text");
        assertEquals("The prompt contains control characters; please use plain text.", refused(() -> image("a\u0000cat")));
        assertEquals("The prompt contains a broken character (an unpaired surrogate); please use plain text.",
                refused(() -> image("a \ud800 cat")));
        assertEquals("The prompt contains text-direction override characters; please use plain text.",
                refused(() -> image("a \u202Ecat")));
        assertEquals("The prompt contains text-direction override characters; please use plain text.",
                refused(() -> image("a \u2069cat")));
        String eight = "e" + "\u0301".repeat(SubmissionRules.MAX_STACKED_MARKS);
        assertEquals(eight, image(eight).prompt(), "8 marks on one letter");
        assertEquals("The prompt stacks too many accents on one letter; please use plain text.",
                refused(() -> image(eight + "\u0301")));
        assertEquals("The negative prompt contains control characters; please use plain text.",
                refused(() -> rules.textToImage(new TextToImageRequest("a cat", "dogs\u0007", null, null, null))));
    }

    @Test
    void aBlankNegativePromptIsNoneAndAnImageToVideoMayHaveNoPrompt() {
        assertNull(rules.textToImage(new TextToImageRequest("a cat", " \n ", null, null, null)).negativePrompt());
        assertNull(rules.imageToImage("a cat", "", null, null, null).negativePrompt());
        assertNull(rules.imageToVideo(null, null, null).prompt());
        assertNull(rules.imageToVideo("   ", null, null).prompt());
        assertEquals("leaves drift", rules.imageToVideo(" leaves drift ", null, null).prompt());
    }

    @Test
    void aMissingPromptIsRefusedWithTheWordsOfItsWayIn() {
        assertEquals(List.of(error("prompt", SubmissionRules.NO_PICTURE_PROMPT)),
                fieldErrors(() -> rules.textToImage(new TextToImageRequest("\u2003", null, null, null, null))));
        assertEquals(List.of(error("prompt", SubmissionRules.NO_VIDEO_PROMPT)),
                fieldErrors(() -> rules.textToVideo(new TextToVideoRequest(null, null, null, null, null, null))));
        assertEquals(SubmissionRules.NO_CHANGE_PROMPT, refused(() -> rules.imageToImage(" ", null, null, null, null)));
        assertEquals(List.of(error("request", SubmissionRules.NO_BODY)), fieldErrors(() -> rules.textToImage(null)));
        assertEquals(List.of(error("request", SubmissionRules.NO_BODY)), fieldErrors(() -> rules.textToVideo(null)));
    }

    // ——— seed ———

    @Test
    void theSeedIsAWholeNumberFromZeroToItsMaximumAndDrawnWhenAbsent() {
        long max = SubmissionRules.MAX_SEED;
        assertEquals(4_294_967_294L, max);
        for (long seed : new long[] {0, 1, max}) {
            Submission s = rules.textToImage(new TextToImageRequest("a cat", null, null, null, seed));
            assertEquals(seed, s.seed());
            assertTrue(s.seedGiven());
            assertEquals(seed, rules.imageToImage("a cat", null, null, null, String.valueOf(seed)).seed());
        }
        String message = "The seed must be a whole number from 0 to 4294967294.";
        assertEquals(message, SubmissionRules.SEED_MESSAGE);
        for (long seed : new long[] {-1, max + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertEquals(List.of(error("seed", message)),
                    fieldErrors(() -> rules.textToImage(new TextToImageRequest("a cat", null, null, null, seed))));
            assertEquals(List.of(error("seed", message)),
                    fieldErrors(() -> rules.textToVideo(new TextToVideoRequest("waves", null, null, null, null, seed))));
        }
        for (String seed : new String[] {"-1", "4294967295", "1.5", "seven", "NaN", "Infinity"}) {
            assertEquals(message, refused(() -> rules.imageToImage("a cat", null, null, null, seed)), seed);
            assertEquals(message, refused(() -> rules.imageToVideo(null, null, seed)), seed);
        }
        assertEquals(7, rules.imageToVideo(null, null, " 7.0 ").seed(), "a form's number may be written as a decimal");
        for (int i = 0; i < 50; i++) {
            Submission drawn = rules.textToImage(new TextToImageRequest("a cat", null, null, null, null));
            assertFalse(drawn.seedGiven());
            assertTrue(drawn.seed() >= 0 && drawn.seed() < Integer.MAX_VALUE, "drawn below 2^31 - 1: " + drawn.seed());
            assertFalse(rules.imageToImage("a cat", null, null, null, " ").seedGiven());
        }
    }

    // ——— strength ———

    @Test
    void theStrengthIsANumberFromZeroToOneAndDefaultsToPointSix() {
        assertEquals(0.6, SubmissionRules.DEFAULT_STRENGTH);
        assertEquals(0.6, rules.imageToImage("a cat", null, null, null, null).strength());
        assertEquals(0.6, rules.imageToImage("a cat", null, "", null, null).strength());
        assertEquals(0.0, rules.imageToImage("a cat", null, "0", null, null).strength());
        assertEquals(1.0, rules.imageToImage("a cat", null, "1", null, null).strength());
        assertEquals(0.35, rules.imageToImage("a cat", null, " 0.35 ", null, null).strength());
        assertEquals("The strength must be a number from 0 to 1.", SubmissionRules.STRENGTH_MESSAGE);
        for (String strength : new String[] {"-0.01", "1.01", "1.5", "much", "NaN"}) {
            assertEquals(SubmissionRules.STRENGTH_MESSAGE, refused(() -> rules.imageToImage("a cat", null, strength, null, null)),
                    strength);
        }
        assertNull(rules.textToImage(new TextToImageRequest("a cat", null, null, null, null)).strength(), "pictures from text have none");
    }

    // ——— duration ———

    @Test
    void aVideoLastsFromOneToEightSecondsAndTheSettingWhenNotAsked() {
        assertEquals(3, video(null).durationSeconds(), "aiart.generation.default-video-seconds");
        assertEquals(1, video(1).durationSeconds());
        assertEquals(8, video(8).durationSeconds());
        String message = "A video lasts from 1 to 8 seconds.";
        assertEquals(message, SubmissionRules.DURATION_MESSAGE);
        for (int seconds : new int[] {0, 9, -1, Integer.MAX_VALUE}) {
            assertEquals(List.of(error("durationSeconds", message)), fieldErrors(() -> video(seconds)));
        }
        assertEquals(3, rules.imageToVideo(null, null, null).durationSeconds());
        assertEquals(1, rules.imageToVideo(null, "1", null).durationSeconds());
        assertEquals(8, rules.imageToVideo(null, "8", null).durationSeconds());
        assertEquals(2, rules.imageToVideo(null, "2.4", null).durationSeconds(), "a form's length is rounded");
        for (String seconds : new String[] {"0.99", "8.01", "nine", "0"}) {
            assertEquals(message, refused(() -> rules.imageToVideo(null, seconds, null)), seconds);
        }
        assertNull(image("a cat").durationSeconds(), "pictures have none");
    }

    // ——— aspect ratio, style ———

    @Test
    void anAspectRatioIsOneOfTheListAndDefaultsByKind() {
        for (AspectRatio ratio : AspectRatio.values()) {
            assertEquals(ratio.wire(), rules.textToImage(new TextToImageRequest("a cat", null, ratio.wire(), null, null)).aspectRatio());
        }
        assertEquals("1:1", image("a cat").aspectRatio());
        assertEquals("16:9", video(null).aspectRatio());
        String message = "The aspect ratio must be one of 1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3, 21:9, 9:21, 5:4, 4:5.";
        assertEquals(message, AspectRatio.MESSAGE);
        for (String ratio : new String[] {"", "7:5", "1:1\n", "16:9x", "1:2"}) {
            assertEquals(List.of(error("aspectRatio", message)),
                    fieldErrors(() -> rules.textToImage(new TextToImageRequest("a cat", null, ratio, null, null))), ratio);
        }
        Submission upload = rules.imageToImage("a cat", null, null, null, null);
        assertNull(upload.aspectRatio(), "an upload's shape is known once its picture is read");
        assertEquals("4:3", upload.fittedTo(800, 600).aspectRatio());
        assertThrows(IllegalStateException.class, () -> rules.toParams(upload), "not stored before it is fitted");
    }

    @Test
    void aStyleIsOneOfTheListOrNone() {
        for (String style : SubmissionRules.STYLES) {
            assertEquals(style, rules.textToImage(new TextToImageRequest("a cat", null, null, style, null)).style());
        }
        for (String none : new String[] {null, "", " ", "none"}) {
            assertNull(rules.textToImage(new TextToImageRequest("a cat", null, null, none, null)).style(), none);
        }
        String message = "The style must be one of none, photographic, digital-art, anime, watercolor, oil-painting, "
                + "pixel-art, neon-punk, low-poly, line-art.";
        for (String style : new String[] {"cubism", "cinematic", "Anime", " anime"}) {
            assertEquals(message, refused(() -> rules.textToImage(new TextToImageRequest("a cat", null, null, style, null))), style);
            assertEquals(message, refused(() -> rules.imageToImage("a cat", null, null, style, null)), style);
        }
    }

    // ——— the order of the checks: each way in answers as it always did ———

    @Test
    void aBodysFieldChecksComeTogetherBeforeThePromptsCharactersAndTheStyle() {
        assertEquals(List.of(error("aspectRatio", AspectRatio.MESSAGE), error("durationSeconds", SubmissionRules.DURATION_MESSAGE),
                error("prompt", SubmissionRules.NO_VIDEO_PROMPT), error("seed", SubmissionRules.SEED_MESSAGE)),
                fieldErrors(() -> rules.textToVideo(new TextToVideoRequest(" ", null, "7:5", 9, "cubism", -1L))));
        assertEquals("The prompt is too long: at most 20 characters, please.",
                refused(() -> rules.textToImage(new TextToImageRequest("x".repeat(21), "\u0000", null, "cubism", null))));
        assertEquals("The negative prompt contains control characters; please use plain text.",
                refused(() -> rules.textToImage(new TextToImageRequest("a cat", "\u0000", null, "cubism", null))));
        // a form: the seed first, then the prompts and the style, then the strength or length
        assertEquals(SubmissionRules.SEED_MESSAGE, refused(() -> rules.imageToImage("x".repeat(21), null, "2", "cubism", "-1")));
        assertEquals(SubmissionRules.STYLE_MESSAGE, refused(() -> rules.imageToImage("a cat", null, "2", "cubism", null)));
        assertEquals(SubmissionRules.SEED_MESSAGE, refused(() -> rules.imageToVideo("x".repeat(21), "9", "x")));
        assertEquals(SubmissionRules.DURATION_MESSAGE, refused(() -> rules.imageToVideo("a cat", "9", null)));
        assertEquals(SubmissionRules.NO_CHANGE_PROMPT, refused(() -> rules.imageToImage(null, null, "2", null, "-1")),
                "an image-to-image without a prompt is told so first");
    }

    // ——— the job ———

    @Test
    void theJobStoresTheSubmissionWithItsSizeAndTheWorkerRebuildsTheSameValue() {
        List<Submission> made = List.of(
                rules.textToImage(new TextToImageRequest(" a cat ", "dogs", "16:9", "anime", 7L)),
                video(5),
                rules.imageToImage("as a watercolor", "blur", "0.35", "watercolor", null).fittedTo(300, 400),
                rules.imageToVideo(null, "2", "11").fittedTo(1920, 1080));
        for (Submission submission : made) {
            Job job = new Job();
            job.kind = submission.kind().wire();
            job.params = rules.toParams(submission);
            assertEquals(submission, rules.fromJob(job, job.params.prompt, job.params.negativePrompt), submission.kind().wire());
        }
        Job.JobParams picture = rules.toParams(made.get(0));
        assertEquals(List.of("a cat", "dogs", "16:9", "anime", 7L, true, 1024, 576),
                List.of(picture.prompt, picture.negativePrompt, picture.aspectRatio, picture.style, picture.seed, picture.seedGiven,
                        picture.width, picture.height));
        Job.JobParams clip = rules.toParams(made.get(3));
        assertEquals(List.of(640, 360, 2), List.of(clip.width, clip.height, clip.durationSeconds), "a video at its own size");
        assertEquals(List.of(768, 1024), List.of(rules.toParams(made.get(2)).width, rules.toParams(made.get(2)).height));
    }

    @Test
    void aStoredJobWithoutAStrengthOrALengthRunsWithTheDefaults() {
        Job job = new Job();
        job.kind = JobKind.IMAGE_TO_IMAGE.wire();
        job.params = new Job.JobParams();
        job.params.prompt = "old";
        job.params.seed = 5L;
        assertEquals(SubmissionRules.DEFAULT_STRENGTH, rules.fromJob(job, "old", null).strength());
        job.kind = JobKind.TEXT_TO_VIDEO.wire();
        assertEquals(3, rules.fromJob(job, "old", null).durationSeconds());
        assertNull(rules.fromJob(job, "old", null).strength(), "only an image-to-image has a strength");
        job.kind = JobKind.TEXT_TO_IMAGE.wire();
        job.params.durationSeconds = 4;
        assertNull(rules.fromJob(job, "old", null).durationSeconds(), "only a video has a length");
    }

    @Test
    void theValueItselfRefusesWhatTheProvidersCouldNotUse() {
        assertThrows(IllegalArgumentException.class, () -> new Submission(JobKind.TEXT_TO_IMAGE, null, null, "1:1", null, 1, false, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Submission(JobKind.IMAGE_TO_IMAGE, "a", null, null, null, 1, false, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Submission(JobKind.TEXT_TO_VIDEO, "a", null, "16:9", null, 1, false, null, null));
        new Submission(JobKind.IMAGE_TO_VIDEO, null, null, null, null, 1, false, null, 4);
    }

    // ——— the site's copy ———

    @Test
    void theSitesAnswerStatesTheseRules() {
        SubmissionRules.Input input = rules.input();
        assertEquals(20, input.promptMaxLength());
        assertEquals(20, input.negativePromptMaxLength());
        assertEquals(new SubmissionRules.SeedRange(0, 4_294_967_294L), input.seed());
        assertEquals(new SubmissionRules.StrengthRange(0, 1, 0.05, 0.6), input.strength());
        assertEquals(new SubmissionRules.DurationRange(1, 8, 3), input.durationSeconds());
        assertEquals(List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21", "5:4", "4:5"), input.aspectRatios());
        assertEquals(Map.of("text-to-image", "1:1", "text-to-video", "16:9"), input.defaultAspectRatio());
        assertEquals(SubmissionRules.STYLES, input.styles());
    }

    private Submission image(String prompt) {
        return rules.textToImage(new TextToImageRequest(prompt, null, null, null, null));
    }

    private Submission video(Integer seconds) {
        return rules.textToVideo(new TextToVideoRequest("waves", null, null, seconds, null, null));
    }

    /** The message of the one-field 400 the call ends with (no {@code errors} list). */
    private static String refused(Runnable call) {
        ProblemException problem = assertThrows(ProblemException.class, call::run);
        assertEquals(ErrorType.VALIDATION, problem.errorType());
        assertNull(problem.toProblem().extensions().get("errors"), problem.getMessage());
        return problem.getMessage();
    }

    /** The {@code errors} of the 400 the call ends with, its message the first of them. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> fieldErrors(Runnable call) {
        ProblemException problem = assertThrows(ProblemException.class, call::run);
        assertEquals(ErrorType.VALIDATION, problem.errorType());
        List<Map<String, String>> errors = new ArrayList<>((List<Map<String, String>>) problem.toProblem().extensions().get("errors"));
        assertEquals(errors.get(0).get("message"), problem.getMessage());
        return errors;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
