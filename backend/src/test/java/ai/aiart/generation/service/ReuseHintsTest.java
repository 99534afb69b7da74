package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import ai.aiart.core.Identity;
import ai.aiart.core.Tier;
import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.QuietQueueProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A seeded request is looked up for a result to reuse only when its fingerprint may have one
 * (docs/ARCHITECTURE.md, "Store budget"): a new seed costs no store read, a known one costs one
 * and is reused, and what was stored before a start is known after it. No workers or background
 * finds on jobs run in this profile, so every find on jobs counted here is a request's own.
 */
@QuarkusTest
@TestProfile(QuietQueueProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
@org.junit.jupiter.api.extension.ExtendWith(ai.aiart.reliability.ReliabilityWatcher.class)
class ReuseHintsTest {

    private static final String GENERATE = "/api/v1/generate/text-to-image";

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    ReuseHints hints;
    @Inject
    StoreCommands commands;
    @Inject
    JobService service;
    @Inject
    ai.aiart.generation.SubmissionRules rules;
    @Inject
    ai.aiart.ratelimit.RateLimiter limiter;

    @BeforeEach
    void emptyQueue() {
        jobs.deleteAll();
        board.refresh();
        hints.reload();
    }

    @Test
    void aSeedSeenForTheFirstTimeCostsNoLookupAndAKnownOneIsReused() {
        long finds = commands.count("find", "jobs");
        String first = submit("a harbour in fog, first of its kind", 11).getString("id");
        submit("a harbour in fog, second of its kind", 12);
        submit("a harbour in fog, third of its kind", 13);
        assertEquals(finds, commands.count("find", "jobs"), "three new seeds, nothing looked up");

        succeed(first);
        finds = commands.count("find", "jobs");
        var again = submit("a harbour in fog, first of its kind", 11);
        assertEquals(finds + 1, commands.count("find", "jobs"), "a known fingerprint is looked up once");
        assertEquals(Boolean.TRUE, (Object) again.get("cached"));
        assertEquals("succeeded", again.getString("status"));
        assertEquals("result-of-" + first, jobs.findById(again.getString("id")).result.fileId);
    }

    @Test
    void whatWasStoredBeforeAStartIsKnownAfterIt() {
        String id = submit("a lantern on a jetty, made before a restart", 21).getString("id");
        succeed(id);
        hints.reload(); // as a start does: the hints are read back from the store

        given().contentType(ContentType.JSON).body("{\"prompt\":\"a lantern on a jetty, made before a restart\",\"seed\":21}")
                .post(GENERATE).then().statusCode(202).body("cached", equalTo(true)).body("status", equalTo("succeeded"));
    }

    @Test
    void aKnownFingerprintWhoseJobFailedIsGeneratedAgain() {
        String id = submit("a windmill at noon", 31).getString("id");
        jobs.mongoCollection().updateOne(Filters.eq("_id", id), Updates.set(Job.F_STATUS, JobStatus.FAILED.wire()));
        var again = submit("a windmill at noon", 31);
        assertEquals("queued", again.getString("status"));
        assertEquals(null, (Object) again.get("cached"));
    }

    @Test
    @ai.aiart.reliability.ReliabilityCase(suite = "bad-input", group = "limits stepped around",
            name = "another visitor's identical request with an explicit seed",
            expected = "made again, not answered from the first visitor's result")
    void anotherVisitorsIdenticalRequestIsMadeAgainNotAnsweredFromTheFirstOnesResult() {
        String id = submit("a red lighthouse, asked for twice", 41).getString("id");
        succeed(id);
        Identity other = new Identity("ip:another-visitor", Tier.ANONYMOUS);
        var asked = rules.textToImage(new ai.aiart.generation.TextToImageRequest("a red lighthouse, asked for twice", null, null,
                null, 41L));
        Job theirs = service.submit(asked, null, other, null, () -> limiter.admit(other),
                taken -> limiter.refund(other, taken)).job();
        assertEquals("queued", theirs.status, "an instant answer would tell them someone asked for it before");
        assertEquals(null, theirs.cached);
        assertEquals(Boolean.TRUE, (Object) submit("a red lighthouse, asked for twice", 41).get("cached"),
                "the one who made it is still answered from it");
    }

    private static io.restassured.path.json.JsonPath submit(String prompt, int seed) {
        return given().contentType(ContentType.JSON).body("{\"prompt\":\"" + prompt + "\",\"seed\":" + seed + "}")
                .post(GENERATE).then().statusCode(202).extract().jsonPath();
    }

    /** What a worker leaves behind when the job succeeds: its status and a result. */
    private void succeed(String id) {
        Job.JobResult result = new Job.JobResult();
        result.fileId = "result-of-" + id;
        result.contentType = "image/png";
        result.width = 1024;
        result.height = 1024;
        result.provider = "local";
        result.size = 1234;
        jobs.mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set(Job.F_STATUS, JobStatus.SUCCEEDED.wire()),
                Updates.set(Job.F_COMPLETED_AT, Instant.now()),
                Updates.set("result", result)));
        board.refresh();
    }
}
