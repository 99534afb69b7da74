package ai.aiart.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
