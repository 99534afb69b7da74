package ai.aiart.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The store goes away and comes back: readiness goes down (the startup check, reached once, stays
 * up), requests get a clear 503 with Retry-After, the backend recovers without a restart, and every
 * job accepted before the outage is finished, each exactly once. A backend that starts while its
 * store is away says it is down, and not started, from its very first answer.
 */
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "store unavailable")
class StoreOutageIT {

    private static final Map<String, String> FAST = Map.of(
            "QUARKUS_MONGODB_SERVER_SELECTION_TIMEOUT", "1500ms",
            "AIART_QUEUE_WORKERS", "1",
            "AIART_QUEUE_LEASE", "3s",
            "AIART_QUEUE_RENEW_EVERY", "1s",
            "AIART_QUEUE_REAP_EVERY", "1s",
            "AIART_QUEUE_STATS_EVERY", "500ms");

    @Test
    @ReliabilityCase(name = "the store stops mid-job with 3 jobs accepted, and comes back",
            expected = "ready 503, API 503 + Retry-After, a known job's status from the last picture, live and started 200; "
                    + "recovers without restart; 3 of 3 jobs made once", count = 3)
    void aStoreOutageIsSurvivedWithoutLosingAnAcceptedJob(@TempDir Path data) throws Exception {
        int port = EmbeddedStoreResource.freePort();
        EmbeddedStore store = EmbeddedStore.start("127.0.0.1", port, data);
        Map<String, String> env = new HashMap<>(FAST);
        env.put("QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString() + "/?serverSelectionTimeoutMS=1500");
        env.put("AIART_LOCAL_DELAY", "3s");
        try (BackendProcess backend = BackendProcess.start("outage", env)) {
            String url = backend.url();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(RestAssured.given().baseUri(url).contentType(ContentType.JSON)
                        .body("{\"prompt\":\"a lighthouse in a storm, take " + i + "\",\"seed\":" + i + "}")
                        .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id"));
            }
            Thread.sleep(500);
            store.close();

            awaitStatus(url, "/q/health/ready", 503);
            // reached once since start: still started, so a platform probing it neither restarts nor hides this backend
            RestAssured.given().baseUri(url).get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.given().baseUri(url).contentType(ContentType.JSON).body("{\"prompt\":\"while it is down\"}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("error_type", equalTo("resource_limit"))
                    .body("donation_link", equalTo("/donate.html"))
                    .body("message", org.hamcrest.Matchers.containsString("donations pay for more room"))
                    .body("retry_after", greaterThanOrEqualTo(1));
            // a job the backend knows is answered from its last picture of the queue (docs/ARCHITECTURE.md,
            // "Store budget"); one it has never seen needs the store, and waits for it
            RestAssured.given().baseUri(url).get("/api/v1/jobs/" + ids.get(0)).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.oneOf("queued", "running"));
            RestAssured.given().baseUri(url).get("/api/v1/jobs/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            awaitStatus(url, "/api/v1/health", 503);
            RestAssured.given().baseUri(url).get("/api/v1/health").then().contentType("application/problem+json")
                    .header("Retry-After", "5").body("health.status", equalTo("down"));
            RestAssured.given().baseUri(url).get("/q/health/live").then().statusCode(200);

            store = EmbeddedStore.start("127.0.0.1", port, data);
            awaitStatus(url, "/q/health/ready", 200);
            awaitStatus(url, "/api/v1/health", 200);
            for (String id : ids) {
                RestartIT.awaitSucceeded(url, id);
                RestAssured.given().baseUri(url).get("/api/v1/jobs/" + id + "/result").then().statusCode(200);
            }
            try (MongoClient mongo = MongoClients.create(store.connectionString())) {
                for (String id : ids) {
                    assertEquals(1, mongo.getDatabase("aiart").getCollection("results.files")
                            .countDocuments(Filters.regex("filename", "^" + java.util.regex.Pattern.quote(id) + "\\.")),
                            "job " + id + " was made exactly once");
                }
                Document first = mongo.getDatabase("aiart").getCollection("jobs").find(Filters.eq("_id", ids.get(0))).first();
                assertEquals("succeeded", first.getString("status"));
            }
            RestAssured.given().baseUri(url).contentType(ContentType.JSON).body("{\"prompt\":\"after the outage\"}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(202);
        } finally {
            store.close();
        }
    }

    @Test
    @ReliabilityCase(name = "the backend starts while its store is away",
            expected = "health and started 503 down from the first answer (not healthy), live 200; healthy and started once the store answers, no restart")
    void aBackendStartedWithoutItsStoreSaysSoFromItsFirstAnswer(@TempDir Path data) throws Exception {
        int port = EmbeddedStoreResource.freePort();
        Map<String, String> env = new HashMap<>(FAST);
        env.put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=1500");
        EmbeddedStore store = null;
        try (BackendProcess backend = BackendProcess.startLive("storeless", env)) {
            String url = backend.url();
            RestAssured.given().baseUri(url).get("/api/v1/health").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("error_type", equalTo("resource_limit"))
                    .body("health.status", equalTo("down"));
            RestAssured.given().baseUri(url).get("/q/health/ready").then().statusCode(503);
            RestAssured.given().baseUri(url).get("/q/health/started").then().statusCode(503)
                    .body("checks.find { it.name == 'store reached since start' }.status", equalTo("DOWN"));
            RestAssured.given().baseUri(url).get("/q/health/live").then().statusCode(200);
            RestAssured.given().baseUri(url).get("/api/v1/client-address").then().statusCode(200) // needs no store
                    .body("source", equalTo("peer"));

            store = EmbeddedStore.start("127.0.0.1", port, data);
            awaitStatus(url, "/q/health/started", 200);
            awaitStatus(url, "/api/v1/health", 200);
            RestAssured.given().baseUri(url).get("/api/v1/health").then().body("status", equalTo("healthy"));
            String id = RestAssured.given().baseUri(url).contentType(ContentType.JSON).body("{\"prompt\":\"the store is back\"}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
            RestartIT.awaitSucceeded(url, id);
            // the start waited for the store once, not once per piece of start-up work, and the
            // indexes it could not create then are created once the store answers (docs/ARCHITECTURE.md)
            assertEquals(1, backend.logText().split("the store did not answer", -1).length - 1, backend.logText());
            try (MongoClient mongo = MongoClients.create(store.connectionString())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                List<String> indexes = List.of();
                while (System.nanoTime() < deadline && !indexes.contains("queue_order")) {
                    Thread.sleep(500);
                    indexes = mongo.getDatabase("aiart").getCollection("jobs").listIndexes().map(i -> i.getString("name"))
                            .into(new ArrayList<>());
                }
                assertTrue(indexes.contains("queue_order"), "the jobs' indexes: " + indexes);
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    static void awaitStatus(String url, String path, int status) throws InterruptedException {
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
