package ai.aiart.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.StoreTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An awake instance with idle workers and nobody watching costs the store next to nothing: its
 * workers do not ask for jobs, the queue is not counted, the reaper does not look; only the job
 * board's idle refresh reads the queue (docs/ARCHITECTURE.md, "Store budget"). Work still starts
 * at once when it comes.
 */
@QuarkusTest
@TestProfile(CancelRunningTest.SlowWorker.class) // an awake instance, its idle tick the default 5 s, no clean-up
@QuarkusTestResource(EmbeddedStoreResource.class)
class IdleStoreCostTest {

    @Inject
    StoreCommands commands;
    @Inject
    JobBoard board;
    @Inject
    JobRepository jobs;

    @Test
    void idleWorkersAskTheStoreForNothingAndAJobStillStartsAtOnce() throws Exception {
        // the jobs of the classes sharing the profile are over (a canceled one ends at its next renewal)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jobs.mongoCollection().countDocuments(Filters.in(Job.F_STATUS, JobStatus.QUEUED.wire(), JobStatus.RUNNING.wire())) > 0) {
            assertTrue(System.nanoTime() < deadline, "jobs still waiting or running");
            Thread.sleep(200);
        }
        // nobody has watched anything for a while: the board is on its idle tick
        Thread.sleep(500);
        long claims = commands.count("findAndModify", "jobs");
        long counts = commands.count("aggregate", "jobs");
        long reads = commands.count("find", "jobs");
        Thread.sleep(3000);
        assertEquals(claims, commands.count("findAndModify", "jobs"), "no worker claimed in vain");
        assertEquals(counts, commands.count("aggregate", "jobs"), "the queue was not counted");
        assertTrue(commands.count("find", "jobs") - reads <= 1, "at most the board's idle refresh read jobs");

        String id = StoreTestSupport.submit("{\"prompt\":\"a quiet harbour at night\"}");
        StoreTestSupport.awaitTerminal(id, Duration.ofSeconds(20))
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
        assertTrue(commands.count("findAndModify", "jobs") > claims, "the job woke a worker, which claimed it");

        // reading the ended job does not bring back the fast tick: nothing about it changes
        Thread.sleep(1500); // the board's next refresh takes the ended job out of its picture
        long afterEnd = commands.count("find", "jobs");
        for (int i = 0; i < 4; i++) {
            io.restassured.RestAssured.given().get("/api/v1/jobs/" + id).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
            Thread.sleep(1000);
        }
        long read = commands.count("find", "jobs") - afterEnd;
        assertTrue(read <= 2, "4 s of status reads of an ended job: the job read once, at most one idle refresh; was " + read);
    }
}
