package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Load adaptation on a packaged backend, raised by real work (docs/FAIR_USE.md, "Load
 * adaptation"): slow jobs of the offline renderer fill a small queue, the queue-fill part of the
 * load takes the smoothed load past 0.8, and {@code /api/v1/limits} shows every capacity halved;
 * once the jobs are done the load falls below 0.7 and the full capacities are back. The load
 * thresholds are the production ones (not pinned as in the tests that count grants).
 */
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "a backend loaded by real work")
class LoadAdaptationIT {

    private static final int WORKERS = 2;
    private static final int QUEUE_MAX = 2;

    @Test
    @ReliabilityCase(name = "slow jobs fill the queue (2 of 2 waiting, 2 running)",
            expected = "limits halved (anonymous 3 → 1) while the queue is full; back to 3 once the jobs are done", count = 4)
    void aFullQueueHalvesTheLimitsUntilTheWorkIsDone() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             BackendProcess backend = BackendProcess.start("loaded", Map.of(
                     "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                     "AIART_QUEUE_WORKERS", String.valueOf(WORKERS),
                     "AIART_QUEUE_MAX", String.valueOf(QUEUE_MAX),
                     "AIART_QUEUE_POLL_EVERY", "200ms",
                     // each job holds its worker 8 s: the queue stays full for more than the 5 samples
                     // the smoothed load needs to pass 0.8 from rest (1 - 0.7^5 = 0.83); two rounds of
                     // jobs, and the work is done (1 s is the shortest period the scheduler keeps)
                     "AIART_LOCAL_DELAY", "8s",
                     "AIART_LOAD_SAMPLE_EVERY", "1s"))) {
            String url = backend.url();
            long started = System.nanoTime();
            // a backend just started may be busy compiling: wait until its load is below the thresholds
            awaitLimits(url, false, Duration.ofSeconds(30));

            long calm = System.nanoTime();
            List<String> jobs = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (jobs.size() < WORKERS + QUEUE_MAX) {
                Response created = RestAssured.given().baseUri(url).contentType(ContentType.JSON)
                        .body("{\"prompt\":\"a slow lighthouse, number " + jobs.size() + "\"}")
                        .post("/api/v1/generate/text-to-image");
                if (created.statusCode() == 202) {
                    jobs.add(created.path("id"));
                } else {
                    // the queue is full until a worker has claimed an earlier job
                    assertEquals(503, created.statusCode(), created.asString());
                    assertEquals("resource_limit", created.path("error_type"));
                    assertTrue(System.nanoTime() < deadline, "the workers never took the first jobs");
                    Thread.sleep(100);
                }
            }
            JsonPath loaded = awaitLimits(url, true, Duration.ofSeconds(20));
            assertEquals(1, loaded.getInt("policy.limit"), "the anonymous capacity 3, halved");
            assertEquals("anonymous", loaded.getString("tier"));
            JsonPath health = RestAssured.given().baseUri(url).get("/api/v1/health").then().statusCode(200).extract().jsonPath();
            System.out.printf("[load] calm %.1f s after the start; limits halved %.1f s after the first job, at load %.3f with %d of %d jobs waiting%n",
                    seconds(started, calm), seconds(calm, System.nanoTime()), health.getDouble("load"), health.getLong("queue_length"),
                    health.getLong("queue_max"));

            for (String id : jobs) {
                RestartIT.awaitSucceeded(url, id);
            }
            long done = System.nanoTime();
            JsonPath rested = awaitLimits(url, false, Duration.ofSeconds(20));
            System.out.printf("[load] jobs done %.1f s after the first; limits back %.1f s later%n", seconds(calm, done),
                    seconds(done, System.nanoTime()));
            assertEquals(3, rested.getInt("policy.limit"), "the full anonymous capacity again");
            assertEquals(1, rested.getInt("load_backoff"));
            RestAssured.given().baseUri(url).get("/api/v1/health").then().statusCode(200)
                    .body("queue_length", org.hamcrest.Matchers.equalTo(0));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** Waits until {@code /api/v1/limits} says the limits are reduced for load, or not; answers what it said. */
    private static JsonPath awaitLimits(String url, boolean reduced, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath limits;
        do {
            limits = RestAssured.given().baseUri(url).get("/api/v1/limits").then().statusCode(200).extract().jsonPath();
            if (limits.getBoolean("reduced_for_load") == reduced) {
                return limits;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        JsonPath health = RestAssured.given().baseUri(url).get("/api/v1/health").then().extract().jsonPath();
        throw new AssertionError("limits not " + (reduced ? "reduced" : "back") + " after " + timeout + ": " + limits.prettify()
                + "\nhealth: " + health.prettify());
    }
}
