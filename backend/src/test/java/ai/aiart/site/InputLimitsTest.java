package ai.aiart.site;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.ProblemException;
import ai.aiart.core.Submission;
import ai.aiart.generation.SubmissionRules;
import ai.aiart.generation.TextToImageRequest;
import ai.aiart.generation.TextToVideoRequest;
import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/v1/limits/input} states the rules the parser applies — what the site's form follows
 * (docs/GENERATION.md, "Where the rules live") — from settings alone: every bound it gives is accepted
 * by the application's own {@link SubmissionRules} and the next value refused, every default is the one
 * a request without the field gets, and the answer costs no store command.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class InputLimitsTest {

    @Inject
    SubmissionRules rules;
    @Inject
    StoreCommands commands;
    @Inject
    ObjectMapper json;

    @Test
    void theAnswerIsTheRulesTheParserAppliesAndCostsNoStoreCommand() throws Exception {
        long before = readsOfCallers();
        String body = given().get("/api/v1/limits/input").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "public, max-age=300").extract().asString();
        assertEquals(before, readsOfCallers(), "no bucket or user is read: the answer is the same for everyone");
        assertEquals(json.readTree(json.writeValueAsString(rules.input())), json.readTree(body));
        JsonPath answer = JsonPath.from(body);

        int prompt = answer.getInt("prompt_max_length");
        assertEquals(prompt, image("x".repeat(prompt), null, null, null, null).prompt().length());
        refused(() -> image("x".repeat(prompt + 1), null, null, null, null));
        int negative = answer.getInt("negative_prompt_max_length");
        assertEquals(negative, image("a cat", "y".repeat(negative), null, null, null).negativePrompt().length());
        refused(() -> image("a cat", "y".repeat(negative + 1), null, null, null));

        long minSeed = answer.getLong("seed.min");
        long maxSeed = answer.getLong("seed.max");
        for (long seed : new long[] {minSeed, maxSeed}) {
            assertEquals(seed, image("a cat", null, null, null, seed).seed());
            assertEquals(seed, rules.imageToVideo(null, null, String.valueOf(seed)).seed());
        }
        for (long seed : new long[] {minSeed - 1, maxSeed + 1}) {
            refused(() -> image("a cat", null, null, null, seed));
            refused(() -> rules.imageToImage("a cat", null, null, null, String.valueOf(seed)));
        }

        double minStrength = answer.getDouble("strength.min");
        double maxStrength = answer.getDouble("strength.max");
        assertEquals(minStrength, strength(String.valueOf(minStrength)));
        assertEquals(maxStrength, strength(String.valueOf(maxStrength)));
        assertEquals(answer.getDouble("strength.default"), strength(null));
        refused(() -> strength(String.valueOf(minStrength - answer.getDouble("strength.step"))));
        refused(() -> strength(String.valueOf(maxStrength + answer.getDouble("strength.step"))));

        int shortest = answer.getInt("duration_seconds.min");
        int longest = answer.getInt("duration_seconds.max");
        assertEquals(shortest, video(shortest, null).durationSeconds());
        assertEquals(longest, video(longest, null).durationSeconds());
        assertEquals(longest, rules.imageToVideo(null, String.valueOf(longest), null).durationSeconds());
        refused(() -> video(shortest - 1, null));
        refused(() -> video(longest + 1, null));
        refused(() -> rules.imageToVideo(null, String.valueOf(longest + 1), null));
        assertEquals(answer.getInt("duration_seconds.default"), video(null, null).durationSeconds());
        assertEquals(answer.getInt("duration_seconds.default"), rules.imageToVideo(null, null, null).durationSeconds());

        List<String> ratios = answer.getList("aspect_ratios");
        for (String ratio : ratios) {
            assertEquals(ratio, image("a cat", null, ratio, null, null).aspectRatio());
            assertEquals(ratio, video(null, ratio).aspectRatio());
        }
        refused(() -> image("a cat", null, "7:5", null, null));
        assertEquals(answer.getString("default_aspect_ratio.'text-to-image'"), image("a cat", null, null, null, null).aspectRatio());
        assertEquals(answer.getString("default_aspect_ratio.'text-to-video'"), video(null, null).aspectRatio());

        List<String> styles = answer.getList("styles");
        for (String style : styles) {
            assertEquals(style, rules.textToImage(new TextToImageRequest("a cat", null, null, style, null)).style());
            assertEquals(style, rules.imageToImage("a cat", null, null, style, null).style());
        }
        refused(() -> rules.textToImage(new TextToImageRequest("a cat", null, null, "cubism", null)));
    }

    private Submission image(String prompt, String negative, String ratio, String style, Long seed) {
        return rules.textToImage(new TextToImageRequest(prompt, negative, ratio, style, seed));
    }

    private Submission video(Integer seconds, String ratio) {
        return rules.textToVideo(new TextToVideoRequest("waves", null, ratio, seconds, null, null));
    }

    private double strength(String value) {
        return rules.imageToImage("a cat", null, value, null, null).strength();
    }

    private long readsOfCallers() {
        return commands.count("find", "rate_limits") + commands.count("find", "users");
    }

    private static void refused(Runnable call) {
        assertThrows(ProblemException.class, call::run);
    }
}
