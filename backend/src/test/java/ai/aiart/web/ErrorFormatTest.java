package ai.aiart.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** Every refusal is a problem answer (docs/ARCHITECTURE.md, "Errors") and leaves the store as it was. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class ErrorFormatTest {

    private static final String GENERATE = "/api/v1/generate/text-to-image";
    private static final String VIDEO = "/api/v1/generate/text-to-video";
    private static final String NO_BODY = "Send a JSON object with at least a prompt.";
    private static final String NO_PICTURE_PROMPT = "Please describe the picture you want: the prompt must not be empty.";
    private static final String NO_VIDEO_PROMPT = "Please describe the video you want: the prompt must not be empty.";
    private static final String RATIO = "The aspect ratio must be one of 1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3, 21:9, 9:21, 5:4, 4:5.";
    private static final String SEED = "The seed must be a whole number from 0 to 4294967294.";
    private static final String DURATION = "A video lasts from 1 to 8 seconds.";

    @Inject
    JobRepository jobs;

    private long jobsBefore;

    @BeforeEach
    void countJobs() {
        jobsBefore = jobs.count();
    }

    @Test
    void malformedJson() {
        refused(given().contentType(ContentType.JSON).body("{\"prompt\": \"a cat\",").post(GENERATE), 400, "validation")
                .body("message", containsString("not valid JSON"));
    }

    @Test
    void notAnObject() {
        refused(given().contentType(ContentType.JSON).body("[1,2,3]").post(GENERATE), 400, "validation");
        refused(given().contentType(ContentType.JSON).body("\"a cat\"").post(GENERATE), 400, "validation");
    }

    @Test
    void emptyBody() {
        refused(given().contentType(ContentType.JSON).body("").post(GENERATE), 400, "validation");
    }

    @Test
    void missingPrompt() {
        refused(given().contentType(ContentType.JSON).body("{\"aspect_ratio\":\"1:1\"}").post(GENERATE), 400, "validation")
                .body("message", containsString("prompt"))
                .body("errors[0].field", equalTo("prompt"));
    }

    @Test
    void emptyAndBlankPrompts() {
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"\"}").post(GENERATE), 400, "validation");
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"   \\n\\t \"}").post(GENERATE), 400, "validation");
    }

    @Test
    void overLongPrompt() {
        String prompt = "a".repeat(2001);
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"" + prompt + "\"}").post(GENERATE), 400, "validation")
                .body("message", containsString("too long"));
    }

    @Test
    void wrongTypesAndValues() {
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"a cat\",\"seed\":\"abc\"}").post(GENERATE), 400, "validation")
                .body("message", containsString("seed"));
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"a cat\",\"seed\":-1}").post(GENERATE), 400, "validation");
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"a cat\",\"aspect_ratio\":\"7:5\"}").post(GENERATE), 400, "validation")
                .body("message", containsString("aspect ratio"));
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"a cat\",\"style\":\"cubism\"}").post(GENERATE), 400, "validation")
                .body("message", containsString("style"));
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":[\"a cat\"]}").post(GENERATE), 400, "validation");
    }

    /**
     * Every check of the two JSON bodies, by field and message: all failures of a body in one answer,
     * sorted by field, the first of them as the message; the values at the limits pass.
     */
    @Test
    void everyFieldCheckOfATextRequestIsAnsweredByFieldAndMessage() {
        for (String path : List.of(GENERATE, VIDEO)) {
            fieldErrors(path, "", "request", NO_BODY);
            fieldErrors(path, "null", "request", NO_BODY);
        }
        fieldErrors(GENERATE, "{\"aspect_ratio\":\"7:5\",\"seed\":-1}",
                "aspectRatio", RATIO, "prompt", NO_PICTURE_PROMPT, "seed", SEED);
        fieldErrors(GENERATE, "{\"prompt\":\"   \\n\\t \",\"aspect_ratio\":\"16:9x\",\"seed\":4294967295}",
                "aspectRatio", RATIO, "prompt", NO_PICTURE_PROMPT, "seed", SEED);
        fieldErrors(GENERATE, "{\"prompt\":\"\\u2003\",\"aspect_ratio\":\"21:9\",\"seed\":4294967294}", "prompt", NO_PICTURE_PROMPT);
        fieldErrors(GENERATE, "{\"prompt\":\"\",\"aspect_ratio\":\"\",\"seed\":0}", "aspectRatio", RATIO, "prompt", NO_PICTURE_PROMPT);

        fieldErrors(VIDEO, "{\"duration_seconds\":0,\"aspect_ratio\":\"1:1\\n\",\"seed\":-5}",
                "aspectRatio", RATIO, "durationSeconds", DURATION, "prompt", NO_VIDEO_PROMPT, "seed", SEED);
        fieldErrors(VIDEO, "{\"prompt\":\" \",\"duration_seconds\":9,\"seed\":4294967295}",
                "durationSeconds", DURATION, "prompt", NO_VIDEO_PROMPT, "seed", SEED);
        fieldErrors(VIDEO, "{\"prompt\":\"\",\"duration_seconds\":8,\"aspect_ratio\":\"9:21\",\"seed\":4294967294}",
                "prompt", NO_VIDEO_PROMPT);
        fieldErrors(VIDEO, "{\"duration_seconds\":1,\"seed\":0}", "prompt", NO_VIDEO_PROMPT);
    }

    @Test
    void unknownRoutes() {
        refused(given().get("/api/v1/no-such-thing"), 404, "not_found");
        refused(given().get("/no-such-page"), 404, "not_found");
        refused(given().post("/api/v1/generate/text-to-poem"), 404, "not_found");
    }

    @Test
    void wrongMethod() {
        refused(given().get(GENERATE), 405, "method_not_allowed");
        refused(given().put("/api/v1/health"), 405, "method_not_allowed");
    }

    @Test
    void wrongContentType() {
        refused(given().contentType(ContentType.TEXT).body("prompt=a cat").post(GENERATE), 415, "unsupported_media_type");
        refused(given().contentType(ContentType.URLENC).formParam("prompt", "a cat").post(GENERATE), 415, "unsupported_media_type");
    }

    /** A 400 whose {@code errors} are exactly these field and message pairs, in this order, the first pair's message as its own. */
    private void fieldErrors(String path, String body, String... fieldsAndMessages) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.add(Map.of("field", fieldsAndMessages[i], "message", fieldsAndMessages[i + 1]));
        }
        refused(given().contentType(ContentType.JSON).body(body).post(path), 400, "validation")
                .body("message", equalTo(fieldsAndMessages[1]))
                .body("errors", equalTo(errors));
    }

    private ValidatableResponse refused(io.restassured.response.Response response, int status, String errorType) {
        ValidatableResponse checked = response.then()
                .log().ifValidationFails()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("success", equalTo(false))
                .body("error_type", equalTo(errorType))
                .body("status", equalTo(status))
                .body("title", not(equalTo("")))
                .body("type", equalTo("/problems/" + errorType))
                .body("$", not(hasKey("stack_trace")))
                .body("message", not(containsString("Exception")))
                .body("message", not(containsString("at ai.aiart")));
        assertEquals(jobsBefore, jobs.count(), "a refused request stores nothing");
        return checked;
    }
}
