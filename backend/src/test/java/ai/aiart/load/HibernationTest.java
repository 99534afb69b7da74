package ai.aiart.load;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.service.JobBoard;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.ShortIdleProfile;
import ai.aiart.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Hibernation after idle time with an empty queue; woken by the first real request. */
@QuarkusTest
@TestProfile(ShortIdleProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class HibernationTest {

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    TestClock clock;

    @BeforeEach
    void emptyQueue() {
        jobs.deleteAll();
        board.refresh();
        clock.freeze(); // idle time passes only as the test says, however slow the machine
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // Idle time is measured on the application's clock, which the tests stop and move: no sleeping
    // out the 1.5 s, and no race with a busy machine's pauses. The scheduler's ticks are real time.

    @Test
    void idleWithAnEmptyQueueHibernatesPausesScheduledWorkAndARequestWakesIt() {
        given().get("/api/v1/limits").then().statusCode(200);
        health(false);
        clock.advance(Duration.ofMillis(1600));
        health(true);

        long runsBefore = count("resource-snapshots", "run");
        long skippedBefore = count("resource-snapshots", "skipped");
        // the schedule ticks once a second: wait for two ticks, skipped (15 s at most on a busy machine)
        await(() -> count("resource-snapshots", "skipped") >= skippedBefore + 2, "two skipped snapshot ticks");
        assertEquals(runsBefore, count("resource-snapshots", "run"), "no snapshot is taken while hibernating");
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("aiart_hibernating 1.0"));

        given().get("/api/v1/limits").then().statusCode(200);
        health(false);
        await(() -> count("resource-snapshots", "run") > runsBefore, "snapshots resume once awake");
    }

    @Test
    void healthProbesDoNotCountAsTraffic() {
        given().get("/api/v1/limits").then().statusCode(200);
        for (int i = 0; i < 20; i++) {
            given().get("/api/v1/health").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);
            clock.advance(Duration.ofMillis(100));
        }
        health(true);
    }

    @Test
    void aWaitingJobKeepsTheInstanceAwake() {
        Job job = new Job();
        job.id = "waiting";
        job.kind = "text-to-image";
        job.status = "queued";
        job.priority = 3;
        job.createdAt = Instant.now();
        jobs.persist(job);
        board.refresh();
        given().get("/api/v1/limits").then().statusCode(200);
        clock.advance(Duration.ofSeconds(2));
        health(false);
        jobs.deleteAll();
        board.refresh();
        health(true); // and nothing else kept it awake
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 15 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
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
