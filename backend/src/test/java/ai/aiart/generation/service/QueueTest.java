package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.QueueOnlyProfile;
import ai.aiart.support.StoreTestSupport;
import ai.aiart.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The durable queue (docs/GENERATION.md) with no workers, so every state is set up by the test. */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class QueueTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    ResultStore results;
    @Inject
    QueueMaintenance maintenance;
    @Inject
    TestClock clock;

    @BeforeEach
    void emptyQueue() {
        jobs.deleteAll();
        board.refresh();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Soft throttling (aiart.rate-limit.over-limit=defer in this profile; docs/FAIR_USE.md): the
     * request after the allowance is accepted into the deferred lane, one at a time, and no worker
     * takes it before its token is due, nor before any other job.
     */
    @Test
    void aRequestOverTheAllowanceWaitsInTheDeferredLaneOneAtATime() {
        String ip = "203.0.113.77";
        // grace (5) and the minute's 3 tokens are accepted as usual; canceled, so the small queue keeps room
        for (int i = 0; i < 8; i++) {
            String id = create(ip, "allowed " + i).statusCode(202)
                    .body("deferred_until", org.hamcrest.Matchers.nullValue()).extract().path("id");
            given().delete("/api/v1/jobs/" + id).then().statusCode(200);
        }
        Instant asked = Instant.now(clock);
        var deferred = create(ip, "over the allowance").statusCode(202)
                .header("RateLimit", org.hamcrest.Matchers.startsWith("\"anonymous\";r=0;"))
                .body("status", equalTo("queued"))
                .extract();
        String id = deferred.path("id");
        Instant until = Instant.parse(deferred.path("deferred_until"));
        // the next token is due 20 s after the bucket ran dry (3 a minute), less what grew since
        assertTrue(until.isAfter(asked.plusSeconds(10)) && !until.isAfter(asked.plusSeconds(20)), "deferred until " + until);
        int eta = deferred.path("eta_seconds");
        assertTrue(eta >= Duration.between(asked, until).toSeconds() + 4, "the wait, then the service time: " + eta);
        Job stored = jobs.findById(id);
        assertEquals(Job.DEFERRED_PRIORITY, stored.priority);
        assertEquals(until, stored.notBefore);

        // one deferred job at a time: the next request is refused until the owed token is repaid
        create(ip, "and one more").statusCode(429)
                .body("error_type", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.not(equalTo("0")));
        given().header("X-Forwarded-For", ip).get("/api/v1/limits").then().statusCode(200)
                .body("over_limit", equalTo("defer"))
                .body("tokens_left", equalTo(0));

        // an ordinary job queued after it is served first; the deferred one is not taken before its time
        Job later = queued("later", 3, Instant.now(clock));
        assertEquals(2, board.queued());
        assertEquals(1, board.due(), "only the ordinary job may start now");
        assertEquals(later.id, claim());
        board.refresh();
        assertEquals(0, board.due());
        Instant now = Instant.now(clock);
        assertTrue(jobs.claimNext("w", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.plusSeconds(30)).isEmpty(),
                "nothing a worker may take before the deferred job is due");
        given().get("/api/v1/jobs/" + id).then().body("deferred_until", org.hamcrest.Matchers.notNullValue());

        clock.advance(Duration.between(now, until).plusSeconds(1));
        assertEquals(1, board.due());
        assertEquals(id, claim());
    }

    private io.restassured.response.ValidatableResponse create(String ip, String prompt) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body("{\"prompt\":\"" + prompt + "\"}")
                .post("/api/v1/generate/text-to-image").then();
    }

    @Test
    void donorsAreServedBeforeRegisteredBeforeAnonymousThenOldestFirst() {
        Job anonOld = queued("anon-old", 3, T0);
        Job anonNew = queued("anon-new", 3, T0.plusSeconds(5));
        Job registered = queued("registered", 2, T0.plusSeconds(10));
        Job donor = queued("donor", 1, T0.plusSeconds(20));

        List<String> order = List.of(claim(), claim(), claim(), claim());
        assertEquals(List.of(donor.id, registered.id, anonOld.id, anonNew.id), order);
        assertTrue(jobs.claimNext("w", List.of(JobKind.TEXT_TO_IMAGE.wire()), T0, T0.plusSeconds(30)).isEmpty());
    }

    @Test
    void positionsAndEtasAreExactForAKnownQueue() {
        queued("a", 3, T0);
        queued("b", 3, T0.plusSeconds(1));
        queued("c", 2, T0.plusSeconds(2));
        queued("d", 1, T0.plusSeconds(3));
        // serving order d, c, a, b; one worker's worth of concurrency; 4 s a job before any measurement
        expectPlace("d", 1, 4);
        expectPlace("c", 2, 8);
        expectPlace("a", 3, 12);
        expectPlace("b", 4, 16);
    }

    @Test
    void aFullQueueAnswers503WithARetryTime() {
        for (int i = 0; i < 5; i++) {
            queued("q" + i, 3, T0.plusSeconds(i));
        }
        long before = jobs.count();
        given().contentType(ContentType.JSON).body("{\"prompt\":\"one more\"}")
                .post("/api/v1/generate/text-to-image")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "24")
                .body("error_type", equalTo("resource_limit"))
                .body("retry_after", equalTo(24))
                .body("message", org.hamcrest.Matchers.containsString("24 seconds"))
                // every busy answer says how a donation helps, and where (issue #17, item 3)
                .body("message", org.hamcrest.Matchers.endsWith("donations pay for more room, and supporters' creations go first in the queue."))
                .body("donation_link", equalTo("/donate.html"));
        assertEquals(before, jobs.count());
    }

    @Test
    void cancelingAQueuedJobTakesItOutOfTheQueue() {
        queued("first", 3, T0);
        queued("second", 3, T0.plusSeconds(1));
        given().delete("/api/v1/jobs/first").then().statusCode(200)
                .body("status", equalTo("canceled"))
                .body("completed_at", org.hamcrest.Matchers.notNullValue())
                .body("links.cancel", org.hamcrest.Matchers.nullValue());
        expectPlace("second", 1, 4);
        given().delete("/api/v1/jobs/first").then().statusCode(409).body("error_type", equalTo("conflict"));
        assertEquals(Optional.of("second"), Optional.of(claim()));
    }

    @Test
    void cancelingARunningJobStopsItsWorkerFromFinishingIt() {
        queued("running", 3, T0);
        String claimed = claim();
        given().delete("/api/v1/jobs/" + claimed).then().statusCode(200).body("status", equalTo("canceled"));
        Job.JobResult result = new Job.JobResult();
        result.provider = "local";
        result.fileId = "x";
        assertFalse(jobs.succeed(claimed, "w", result, T0), "the worker's late result is refused");
        assertFalse(jobs.renewLease(claimed, "w", T0.plusSeconds(60)), "the worker learns at its next renewal");
        assertEquals("canceled", jobs.findById(claimed).status);
    }

    @Test
    void theReaperRequeuesJobsOfDeadWorkersAndFailsThemAfterThreeAttempts() {
        queued("orphan", 3, T0);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Instant now = Instant.now();
            Job job = jobs.claimNext("dead-worker-" + attempt, List.of("text-to-image"), now, now.minusSeconds(1)).orElseThrow();
            assertEquals(attempt, job.attempts);
            assertEquals(1, maintenance.reap());
            Job after = jobs.findById("orphan");
            if (attempt < 3) {
                assertEquals("queued", after.status, "attempt " + attempt + " goes back to the queue");
                assertNull(after.leaseOwner);
            } else {
                assertEquals("failed", after.status);
                assertEquals("attempts_exhausted", after.error.code);
            }
        }
        assertEquals(0, maintenance.reap(), "nothing left to reap");
    }

    @Test
    void aLiveLeaseIsNotReaped() {
        queued("alive", 3, T0);
        Instant now = Instant.now();
        jobs.claimNext("live-worker", List.of("text-to-image"), now, now.plusSeconds(30)).orElseThrow();
        assertEquals(0, maintenance.reap());
        assertEquals("running", jobs.findById("alive").status);
    }

    @Test
    void retentionDeletesOldJobsAndTheirResultsButKeepsASharedResult() throws Exception {
        Path file = Files.createTempFile("result", ".png");
        Files.write(file, new byte[] {1, 2, 3});
        results.save("old.1", "image/png", file);
        results.save("recent.1", "image/png", file);
        finished("old", "old.1", Instant.now().minus(Duration.ofDays(8)));
        finished("old-twin", "recent.1", Instant.now().minus(Duration.ofDays(9)));
        finished("recent", "recent.1", Instant.now().minus(Duration.ofDays(1)));

        assertEquals(2, maintenance.cleanUp());
        assertTrue(jobs.findByIdOptional("old").isEmpty());
        assertTrue(jobs.findByIdOptional("old-twin").isEmpty());
        assertTrue(results.open("old.1").isEmpty(), "the old result is deleted");
        assertTrue(results.open("recent.1").isPresent(), "a result still shown by a recent job stays");
        assertEquals("succeeded", jobs.findById("recent").status);
        Files.delete(file);
    }

    private void expectPlace(String id, int position, int eta) {
        given().get("/api/v1/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("position", equalTo(position))
                .body("eta_seconds", equalTo(eta))
                .body("links.cancel", equalTo("/api/v1/jobs/" + id));
    }

    private String claim() {
        Instant now = Instant.now(clock);
        return jobs.claimNext("w", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.plusSeconds(30)).orElseThrow().id;
    }

    private Job queued(String id, int priority, Instant createdAt) {
        Job job = StoreTestSupport.queuedTextJob(id, priority, createdAt);
        jobs.persist(job);
        board.refresh(); // queued behind the backend's back, as by another instance: seen at the next refresh
        return job;
    }

    private void finished(String id, String fileId, Instant completedAt) {
        Job job = queued(id, 3, completedAt.minusSeconds(10));
        job.status = JobStatus.SUCCEEDED.wire();
        job.completedAt = completedAt;
        job.result = new Job.JobResult();
        job.result.fileId = fileId;
        job.result.contentType = "image/png";
        job.result.provider = "local";
        jobs.update(job);
        board.refresh();
        given().get("/api/v1/jobs/" + id).then().statusCode(200).body("result.width", greaterThan(-1));
    }
}
