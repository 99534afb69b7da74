package ai.aiart.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The store goes away while a job is being made and comes back: readiness goes down, requests
 * get a clear 503, and afterwards the backend recovers without a restart and the accepted job
 * is finished.
 */
class StoreOutageIT {

    @Test
    void aStoreOutageIsSurvivedWithoutLosingTheAcceptedJob(@TempDir Path data) throws Exception {
        int port = EmbeddedStoreResource.freePort();
        EmbeddedStore store = EmbeddedStore.start("127.0.0.1", port, data);
        Map<String, String> env = Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString() + "/?serverSelectionTimeoutMS=1500",
                "QUARKUS_MONGODB_SERVER_SELECTION_TIMEOUT", "1500ms",
                "AIART_QUEUE_WORKERS", "1",
                "AIART_QUEUE_LEASE", "3s",
                "AIART_QUEUE_RENEW_EVERY", "1s",
                "AIART_QUEUE_REAP_EVERY", "1s",
                "AIART_QUEUE_STATS_EVERY", "500ms",
                "AIART_LOCAL_DELAY", "3s");
        try (BackendProcess backend = BackendProcess.start("outage", env)) {
            String url = backend.url();
            String id = RestAssured.given().baseUri(url).contentType(ContentType.JSON)
                    .body("{\"prompt\":\"a lighthouse in a storm\",\"seed\":4}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
            Thread.sleep(500);
            store.close();

            awaitStatus(url, "/q/health/ready", 503);
            RestAssured.given().baseUri(url).contentType(ContentType.JSON).body("{\"prompt\":\"while it is down\"}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("error_type", equalTo("resource_limit"))
                    .body("retry_after", greaterThanOrEqualTo(1));
            awaitStatus(url, "/api/v1/health", 503);
            RestAssured.given().baseUri(url).get("/q/health/live").then().statusCode(200);

            store = EmbeddedStore.start("127.0.0.1", port, data);
            awaitStatus(url, "/q/health/ready", 200);
            RestartIT.awaitSucceeded(url, id);
            RestAssured.given().baseUri(url).get("/api/v1/jobs/" + id + "/result").then().statusCode(200);
            RestAssured.given().baseUri(url).contentType(ContentType.JSON).body("{\"prompt\":\"after the outage\"}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(202);
        } finally {
            store.close();
        }
    }

    private static void awaitStatus(String url, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = RestAssured.given().baseUri(url).get(path).then().extract().statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " answered " + last + ", not " + status);
    }
}
