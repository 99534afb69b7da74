package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallBudgetsProfile;
import ai.aiart.support.StoreTestSupport;
import ai.aiart.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Each attempt at a job stores its own result file (docs/GENERATION.md, "The queue"). A worker
 * killed between storing its result and recording it leaves that file behind; no file may outlive
 * its job, or the results budget fills with pictures nobody can see. No workers: the test moves
 * the job through its attempts.
 */
@QuarkusTest
@TestProfile(SmallBudgetsProfile.class) // no workers or schedules
@QuarkusTestResource(EmbeddedStoreResource.class)
class AttemptFilesTest {

    @Inject
    JobRepository jobs;
    @Inject
    ResultStore results;
    @Inject
    JobRunner runner;
    @Inject
    QueueMaintenance maintenance;
    @Inject
    TestClock clock;
    @Inject
    MongoClient client;

    @BeforeEach
    @AfterEach
    void noJobsNorResults() {
        clock.reset();
        jobs.deleteAll();
        StoreTestSupport.emptyBuckets(db(), "results");
    }

    private MongoDatabase db() {
        return client.getDatabase("aiart");
    }

    @Test
    void theAttemptThatFinishesAJobDropsTheFileAKilledAttemptLeft() throws Exception {
        queued("retried");
        Instant now = Instant.now(clock);
        Job first = jobs.claimNext("killed-worker", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.minusSeconds(1)).orElseThrow();
        storeFile(first.attemptFileId());
        assertEquals(1, maintenance.reap(), "the killed worker's lease ran out");
        Job second = jobs.claimNext("w", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.plusSeconds(30)).orElseThrow();
        assertEquals(List.of("retried.1"), second.earlierAttemptFileIds());

        runner.run(second, "w");

        Job done = jobs.findById("retried");
        assertEquals("succeeded", done.status);
        assertEquals("retried.2", done.result.fileId);
        assertTrue(results.open("retried.2").isPresent());
        assertTrue(results.open("retried.1").isEmpty(), "the killed attempt's file is gone");
        assertEquals(1, db().getCollection("results.files").countDocuments(), "one file for one job");
    }

    @Test
    void retentionDropsTheFileOfAnAttemptWhoseJobEndedWithoutIt() throws Exception {
        queued("abandoned");
        queued("kept");
        Instant now = Instant.now(clock);
        Job claimed = jobs.claimNext("killed-worker", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.plusSeconds(30)).orElseThrow();
        storeFile(claimed.attemptFileId());
        given().delete("/api/v1/jobs/" + claimed.id).then().statusCode(200).body("status", equalTo("canceled"));
        Job other = jobs.claimNext("w", List.of(JobKind.TEXT_TO_IMAGE.wire()), now, now.plusSeconds(30)).orElseThrow();
        runner.run(other, "w");
        assertEquals(2, db().getCollection("results.files").countDocuments());
        clock.advance(Duration.ofDays(8));

        assertEquals(2, maintenance.cleanUp());
        assertTrue(jobs.findByIdOptional(claimed.id).isEmpty());
        assertEquals(0, db().getCollection("results.files").countDocuments(), "no file outlives its job");
        assertEquals(0, db().getCollection("results.chunks").countDocuments());
    }

    private void storeFile(String fileId) throws Exception {
        Path file = Files.createTempFile("result", ".png");
        Files.write(file, new byte[] {1, 2, 3});
        results.save(fileId, "image/png", file);
        Files.delete(file);
    }

    private void queued(String id) {
        jobs.persist(StoreTestSupport.queuedTextJob(id, 3, Instant.now(clock).minusSeconds(60)));
    }
}
