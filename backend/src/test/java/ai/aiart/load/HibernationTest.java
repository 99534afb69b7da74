package ai.aiart.load;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.service.JobBoard;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Hibernation after idle time with an empty queue; woken by the first real request. */
@QuarkusTest
@TestProfile(HibernationTest.ShortIdle.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class HibernationTest {

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aiart.hibernation.idle", "1500ms", "aiart.monitoring.snapshot-every", "1s",
                    "aiart.queue.stats-every", "100ms", "aiart.queue.stats-idle-every", "100ms", "aiart.queue.workers", "0");
        }
    }

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;

    @BeforeEach
    void emptyQueue() {
        jobs.deleteAll();
        board.refresh();
    }

    @Test
    void idleWithAnEmptyQueueHibernatesPausesScheduledWorkAndARequestWakesIt() throws Exception {
        given().get("/api/v1/limits").then().statusCode(200);
        health(false);
        Thread.sleep(2000);
        health(true);

        long runsBefore = count("resource-snapshots", "run");
        long skippedBefore = count("resource-snapshots", "skipped");
        Thread.sleep(3200); // the scheduler ticks once a second
        assertEquals(runsBefore, count("resource-snapshots", "run"), "no snapshot is taken while hibernating");
        assertTrue(count("resource-snapshots", "skipped") >= skippedBefore + 2, "the schedule keeps ticking, skipped");
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("aiart_hibernating 1.0"));

        given().get("/api/v1/limits").then().statusCode(200);
        health(false);
        // the schedule ticks once a second; a busy test machine may delay a tick, so wait for it (15 s at most)
        long until = System.nanoTime() + 15_000_000_000L;
        while (count("resource-snapshots", "run") <= runsBefore && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertTrue(count("resource-snapshots", "run") > runsBefore, "snapshots resume once awake");
    }

    @Test
    void healthProbesDoNotCountAsTraffic() throws Exception {
        given().get("/api/v1/limits").then().statusCode(200);
        for (int i = 0; i < 20; i++) {
            given().get("/api/v1/health").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);
            Thread.sleep(100);
        }
        health(true);
    }

    @Test
    void aWaitingJobKeepsTheInstanceAwake() throws Exception {
        Job job = new Job();
        job.id = "waiting";
        job.kind = "text-to-image";
        job.status = "queued";
        job.priority = 3;
        job.createdAt = Instant.now();
        jobs.persist(job);
        given().get("/api/v1/limits").then().statusCode(200);
        Thread.sleep(2000);
        health(false);
    }

    private static void health(boolean hibernating) {
        given().get("/api/v1/health").then().statusCode(200).body("hibernating", equalTo(hibernating));
    }

    private static long count(String task, String outcome) {
        String metrics = given().get("/q/metrics").then().extract().asString();
        Matcher m = Pattern.compile("aiart_scheduled_runs_total\\{outcome=\"" + outcome + "\",task=\"" + task + "\"} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
