package ai.aiart.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.StoreTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An awake instance with idle workers and nobody watching costs the store next to nothing: its
 * workers do not ask for jobs, the queue is not counted, the reaper does not look; only the job
 * board's idle refresh reads the queue (docs/ARCHITECTURE.md, "Store budget"). Work still starts
 * at once when it comes.
 */
@QuarkusTest
@TestProfile(IdleStoreCostTest.Idle.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class IdleStoreCostTest {

    public static class Idle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aiart.queue.workers", "2", "aiart.hibernation.enabled", "false",
                    "aiart.queue.stats-idle-every", "5s", "aiart.cleanup-every", "off");
        }
    }

    @Inject
    StoreCommands commands;
    @Inject
    JobBoard board;

    @Test
    void idleWorkersAskTheStoreForNothingAndAJobStillStartsAtOnce() throws Exception {
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
