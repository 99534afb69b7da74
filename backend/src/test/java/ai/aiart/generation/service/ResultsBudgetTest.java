package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import jakarta.inject.Inject;

import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallBudgetsProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The results budget: past it the oldest results go first, their jobs say {@code expired}, the
 * newest stay, and the total ends under the budget. Everything runs for real on the embedded store.
 */
@QuarkusTest
@TestProfile(SmallBudgetsProfile.class) // no workers or schedules; a results budget of 100 KiB
@QuarkusTestResource(EmbeddedStoreResource.class)
class ResultsBudgetTest {

    private static final int SIZE = 20 * 1024;
    private static final long BUDGET = 100 * 1024;

    @Inject
    JobRepository jobs;
    @Inject
    ResultStore results;
    @Inject
    BytesBudget budget;
    @Inject
    MongoClient client;

    private MongoDatabase db;

    @BeforeEach
    void empty() {
        db = client.getDatabase("aiart");
        jobs.deleteAll();
        ai.aiart.support.StoreTestSupport.emptyBuckets(db, "results");
    }

    @Test
    void theOldestResultsGoFirstTheirJobsExpireAndTheNewestStay() throws Exception {
        // r0 (oldest) … r9 (newest), each shown by one job; r1 also by a reused (cached) job, r9 by one too
        for (int i = 0; i < 10; i++) {
            store("r" + i);
            succeeded("job" + i, "r" + i, false);
        }
        succeeded("reuses-old", "r1", true);
        succeeded("reuses-new", "r9", true);
        assertEquals(10 * SIZE, results.totalBytes());

        int removed = budget.check();

        // under 95 % of 100 KiB (97,280 bytes) takes six of the ten: 4 × 20 KiB = 80 KiB stay
        assertEquals(6, removed);
        long total = results.totalBytes();
        assertTrue(total <= BUDGET * BytesBudget.LOW_WATER, "total " + total);
        assertEquals(total, budget.resultBytes());
        for (int i = 0; i < 10; i++) {
            boolean gone = i < 6;
            assertEquals(gone, results.open("r" + i).isEmpty(), "r" + i);
            assertEquals(gone ? 0 : 1, db.getCollection("results.chunks").countDocuments(Filters.eq("files_id", new BsonString("r" + i))),
                    "chunks of r" + i);
            Job job = jobs.findById("job" + i);
            assertEquals(gone ? "expired" : "succeeded", job.status, "job" + i);
            if (gone) {
                assertNull(job.result);
                assertNotNull(job.expiredAt);
                assertNotNull(db.getCollection("jobs").find(Filters.eq("_id", "job" + i)).first().get(Job.F_UPDATED_AT));
            } else {
                assertEquals("r" + i, job.result.fileId);
            }
        }
        assertEquals("expired", jobs.findById("reuses-old").status, "a cached job showing a removed result expires with it");
        assertEquals("succeeded", jobs.findById("reuses-new").status, "a cached job showing a kept result keeps it");

        // the API says so, and the result answers a clear problem, not a broken file
        given().get("/api/v1/jobs/job0").then().statusCode(200)
                .body("status", equalTo("expired"))
                .body("expired_at", notNullValue())
                .body("completed_at", notNullValue())
                .body("result", nullValue())
                .body("links.result", nullValue())
                .body("links.cancel", nullValue());
        given().get("/api/v1/jobs/job0/result").then().statusCode(404)
                .contentType("application/problem+json")
                .body("error_type", equalTo("not_found"))
                .body("message", containsString("removed to make room"));
        given().delete("/api/v1/jobs/job0").then().statusCode(409).body("message", containsString("already finished"));
        given().get("/api/v1/jobs/job9/result").then().statusCode(200);

        // under the budget now: the next check removes nothing
        assertEquals(0, budget.check());
        assertEquals(4, db.getCollection("results.files").countDocuments());
    }

    @Test
    void anExpiredJobIsNotReusedForAnIdenticalRequest() throws Exception {
        for (int i = 0; i < 10; i++) {
            store("r" + i);
            succeeded("job" + i, "r" + i, false);
        }
        Job first = jobs.findById("job0");
        first.fingerprint = "same-request";
        jobs.update(first);
        budget.check();
        assertTrue(jobs.findReusable("same-request").isEmpty(), "its result is gone, so it cannot be shown again");
    }

    @Test
    void aSucceededJobWhoseResultVanishedSaysExpiredWhenItIsFetched() throws Exception {
        store("r0");
        succeeded("raced", "r0", true);
        results.delete("r0"); // removed by the budget just as this reused job was stored
        given().get("/api/v1/jobs/raced/result").then().statusCode(404).body("message", containsString("removed to make room"));
        given().get("/api/v1/jobs/raced").then().statusCode(200).body("status", equalTo("expired"));
    }

    @Test
    void withinTheBudgetNothingIsRemoved() throws Exception {
        for (int i = 0; i < 4; i++) {
            store("r" + i);
            succeeded("job" + i, "r" + i, false);
        }
        assertEquals(0, budget.check());
        assertEquals(4 * SIZE, budget.resultBytes());
        assertEquals("succeeded", jobs.findById("job0").status);
    }

    private int stored;

    private void store(String fileId) throws Exception {
        byte[] bytes = new byte[SIZE];
        new Random(++stored).nextBytes(bytes);
        Path file = Files.createTempFile("result", ".jpg");
        Files.write(file, bytes);
        results.save(fileId, "image/jpeg", file);
        Files.delete(file);
        Thread.sleep(3); // distinct upload dates: the order of storing is the order of removal
    }

    private void succeeded(String id, String fileId, boolean cached) {
        Job job = new Job();
        job.id = id;
        job.kind = JobKind.TEXT_TO_IMAGE.wire();
        job.status = JobStatus.SUCCEEDED.wire();
        job.priority = 3;
        job.tier = "anonymous";
        job.owner = "test";
        job.createdAt = Instant.now();
        job.startedAt = job.createdAt;
        job.completedAt = job.createdAt;
        job.cached = cached ? Boolean.TRUE : null;
        job.params = new Job.JobParams();
        job.params.prompt = "a test";
        job.params.seed = 1L;
        job.params.width = 64;
        job.params.height = 64;
        job.result = new Job.JobResult();
        job.result.fileId = fileId;
        job.result.contentType = "image/jpeg";
        job.result.provider = "local";
        job.result.width = 64;
        job.result.height = 64;
        job.result.size = SIZE;
        jobs.persist(job);
    }
}
