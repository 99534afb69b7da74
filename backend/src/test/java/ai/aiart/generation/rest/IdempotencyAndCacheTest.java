package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class IdempotencyAndCacheTest {

    private static final String GENERATE = "/api/v1/generate/text-to-image";

    @Inject
    JobRepository jobs;

    @Test
    void theSameKeyGivesTheSameJob() {
        String key = UUID.randomUUID().toString();
        String body = "{\"prompt\":\"a paper boat on a pond\"}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(GENERATE).then().statusCode(202).header("Idempotent-Replayed", (String) null)
                .extract().path("id");
        long count = jobs.count();
        String again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(GENERATE).then().statusCode(202).header("Idempotent-Replayed", "true")
                .extract().path("id");
        assertEquals(first, again, "a resubmission returns the job the key created");
        assertEquals(count, jobs.count(), "and creates no second one");

        String other = given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post(GENERATE).then().statusCode(202).extract().path("id");
        assertNotEquals(first, other, "a new key makes a new job");
    }

    @Test
    void aKeyReusedForAnotherRequestIsAConflict() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"prompt\":\"a red kite\"}")
                .post(GENERATE).then().statusCode(202);
        long count = jobs.count();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"prompt\":\"a blue kite\"}")
                .post(GENERATE).then().statusCode(409)
                .contentType("application/problem+json")
                .body("error_type", equalTo("conflict"));
        assertEquals(count, jobs.count());
    }

    @Test
    void aMalformedKeyIsRefused() {
        long count = jobs.count();
        given().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(300)).body("{\"prompt\":\"a kite\"}")
                .post(GENERATE).then().statusCode(400).body("error_type", equalTo("validation"))
                .body("message", org.hamcrest.Matchers.containsString("Idempotency-Key"));
        assertEquals(count, jobs.count());
    }

    @Test
    void anIdenticalRequestWithAnExplicitSeedIsAnsweredFromTheStoredResult() {
        String body = "{\"prompt\":\"a glass greenhouse in the rain\",\"seed\":777,\"aspect_ratio\":\"4:3\"}";
        String first = given().contentType(ContentType.JSON).body(body).post(GENERATE)
                .then().statusCode(202).extract().path("id");
        awaitTerminal(first, Duration.ofSeconds(30)).body("status", equalTo("succeeded"));

        String second = given().contentType(ContentType.JSON).body(body).post(GENERATE)
                .then().statusCode(202)
                .body("status", equalTo("succeeded"))
                .body("cached", equalTo(true))
                .body("id", not(equalTo(first)))
                .body("result.provider", equalTo("local"))
                .extract().path("id");
        byte[] a = given().get("/api/v1/jobs/" + first + "/result").then().statusCode(200).extract().asByteArray();
        byte[] b = given().get("/api/v1/jobs/" + second + "/result").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(a, b);
        assertEquals(jobs.findById(first).result.fileId, jobs.findById(second).result.fileId,
                "the stored result is shown again, not made again");
    }
}
