package ai.aiart.generation.service;

import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.generation.repository.ResultStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.StoreTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A running job canceled by its visitor: the worker stops and keeps no result. */
@QuarkusTest
@TestProfile(CancelRunningTest.SlowWorker.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class CancelRunningTest {

    /**
     * One worker whose pictures take 3 s, renewing its lease every 200 ms (this class,
     * JobEventsStreamTest); no scheduled clean-up, whose reads would count in IdleStoreCostTest's
     * idle window. The instance stays awake: hibernation waits 15 idle minutes.
     */
    public static class SlowWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aiart.queue.workers", "1", "aiart.local.delay", "3s", "aiart.queue.renew-every", "200ms",
                    "aiart.cleanup-every", "off");
        }
    }

    @Inject
    JobWorker worker;
    @Inject
    ResultStore results;

    @Test
    void aRunningJobIsCanceledAndItsWorkerMovesOn() throws InterruptedException {
        String id = submit("{\"prompt\":\"a slow sunrise\",\"seed\":9}");
        awaitStatus(id, "running");
        given().delete("/api/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("canceled"));

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (worker.runningJobs().contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(worker.runningJobs().isEmpty(), "the worker let go of the canceled job within a lease renewal");
        given().get("/api/v1/jobs/" + id).then().body("status", equalTo("canceled")).body("result", equalTo(null));
        assertTrue(results.open(id + ".1").isEmpty(), "no result was stored for it");

        String next = submit("{\"prompt\":\"the next visitor's picture\",\"seed\":10}");
        StoreTestSupport.awaitTerminal(next, Duration.ofSeconds(15)).body("status", equalTo("succeeded"));
        assertEquals("canceled", given().get("/api/v1/jobs/" + id).then().extract().path("status"));
    }

    private static void awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(given().get("/api/v1/jobs/" + id).then().extract().path("status"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " never became " + status);
    }
}
