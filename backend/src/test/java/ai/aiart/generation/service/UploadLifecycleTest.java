package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;

import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallBudgetsProfile;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Uploads are kept only while their job may still need them: deleted as soon as the job ends in
 * any way, swept by the clean-up when that was missed, never taken from a queued or running job.
 * A visitor may have {@code aiart.uploads.max-per-visitor} stored at once, and all of them
 * together stay within {@code aiart.store.uploads-budget}. No workers: each test moves its jobs.
 */
@QuarkusTest
@TestProfile(SmallBudgetsProfile.class) // no workers or schedules; two uploads a visitor, 600 KiB in all
@QuarkusTestResource(EmbeddedStoreResource.class)
class UploadLifecycleTest {

    private static final String I2I = "/api/v1/generate/image-to-image";
    private static final String WORKER = "test-worker";

    @Inject
    JobRepository jobs;
    @Inject
    UploadStore uploads;
    @Inject
    JobRunner runner;
    @Inject
    QueueMaintenance maintenance;
    @Inject
    BytesBudget budget;
    @Inject
    MongoClient client;

    private MongoDatabase db;
    private int visitors;

    @BeforeEach
    void empty() {
        db = client.getDatabase("aiart");
        jobs.deleteAll();
        ai.aiart.support.StoreTestSupport.emptyBuckets(db, "uploads");
        budget.check();
    }

    @Test
    void theUploadIsDeletedWhenItsJobSucceeds() {
        String id = upload(visitor());
        Job job = claim(id);
        assertTrue(stored(id));
        runner.run(job, WORKER);
        assertEquals("succeeded", jobs.findById(id).status);
        assertTrue(!stored(id), "the upload is gone once the picture is made");
    }

    @Test
    void theUploadIsDeletedWhenItsJobFails() throws Exception {
        String id = upload(visitor());
        // the stored upload is damaged after it was accepted: every provider fails on it
        String fileId = jobs.findById(id).params.input.fileId;
        uploads.delete(fileId);
        Path junk = Files.createTempFile("junk", ".png");
        Files.write(junk, new byte[] {1, 2, 3, 4});
        uploads.save(fileId, "image/png", junk, "test", id);
        Files.delete(junk);
        runner.run(claim(id), WORKER);
        assertEquals("failed", jobs.findById(id).status);
        assertTrue(!stored(id));
    }

    @Test
    void theUploadIsDeletedWhenAQueuedOrARunningJobIsCanceled() {
        String running = upload(visitor());
        claim(running);
        String queued = upload(visitor());
        given().delete("/api/v1/jobs/" + queued).then().statusCode(200).body("status", equalTo("canceled"));
        given().delete("/api/v1/jobs/" + running).then().statusCode(200).body("status", equalTo("canceled"));
        assertTrue(!stored(queued));
        assertTrue(!stored(running));
    }

    @Test
    void theReaperKeepsTheUploadOfARequeuedJobAndDeletesItAfterTheLastAttempt() {
        String id = upload(visitor());
        for (int attempt = 1; attempt <= 3; attempt++) {
            Instant now = Instant.now();
            jobs.claimNext("dead-worker-" + attempt, List.of(JobKind.IMAGE_TO_IMAGE.wire()), now, now.minusSeconds(1)).orElseThrow();
            assertEquals(1, maintenance.reap());
            String status = jobs.findById(id).status;
            if (attempt < 3) {
                assertEquals("queued", status);
                assertTrue(stored(id), "attempt " + attempt + ": the requeued job still needs its upload");
            } else {
                assertEquals("failed", status);
                assertTrue(!stored(id), "failed for good: the upload goes");
            }
        }
    }

    @Test
    void theCleanUpSweepsUploadsWhoseJobEndedOrIsGoneAndKeepsTheOthers() {
        String running = upload(visitor());
        claim(running);
        String waiting = upload(visitor());
        String ended = upload(visitor());
        String orphan = upload(visitor());
        String recent = upload(visitor());
        // an instance stopped between recording the end and deleting the upload; another job vanished
        jobs.mongoCollection().updateOne(Filters.eq("_id", ended), Updates.set(Job.F_STATUS, "failed"));
        jobs.deleteById(orphan);
        jobs.deleteById(recent);
        for (String id : List.of(waiting, running, ended, orphan)) {
            age(id);
        }

        maintenance.cleanUp();

        assertTrue(stored(waiting), "a queued job's upload stays");
        assertTrue(stored(running), "a running job's upload stays");
        assertTrue(!stored(ended), "an ended job's upload is swept");
        assertTrue(!stored(orphan), "an upload without a job is swept");
        assertTrue(stored(recent), "a brand-new upload may belong to a job being stored right now");
        assertEquals(0, db.getCollection("uploads.chunks").countDocuments(Filters.eq("files_id", new BsonString(ended + ".input"))));
    }

    @Test
    void aVisitorAtTheCapIsRefusedBeforeAnythingIsStoredAndMayUploadAgainOnceOneIsUsed() {
        String ip = visitor();
        String first = upload(ip);
        upload(ip, "key-2");
        long before = db.getCollection("uploads.files").countDocuments();

        post(ip, null).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("error_type", equalTo("rate_limited"))
                .body("message", containsString("You have 2 pictures waiting to be used"))
                .body("retry_after", notNullValue())
                .body("donation_link", notNullValue());
        assertEquals(before, db.getCollection("uploads.files").countDocuments(), "nothing was stored");

        // the site's failover resends a request whose answer was lost: the same job, not a refusal
        post(ip, "key-2").statusCode(202).header("Idempotent-Replayed", "true");
        // another visitor is not held to this one's uploads
        upload(visitor());

        given().delete("/api/v1/jobs/" + first).then().statusCode(200);
        upload(ip);
    }

    @Test
    void pastTheUploadsBudgetUploadsAreRefusedAsBusyUntilThereIsRoomAgain() throws Exception {
        Path big = Files.createTempFile("big", ".png");
        Files.write(big, TestImages.noisePng(400, 400)); // about 470 KiB
        uploads.save("someone.input", "image/png", big, "ip:someone", "someone");
        uploads.save("someone-else.input", "image/png", big, "ip:someone-else", "someone-else");
        Files.delete(big);
        budget.check(); // the scheduled sum sees 940 KiB of 600

        post(visitor(), null).statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("error_type", equalTo("resource_limit"))
                .body("message", containsString("uploaded pictures"))
                .body("retry_after", notNullValue())
                .body("donation_link", notNullValue());
        // text-to-image stores no upload and is still welcome
        given().contentType("application/json").body("{\"prompt\":\"a quiet lake\"}").post("/api/v1/generate/text-to-image")
                .then().statusCode(202);

        uploads.delete("someone.input");
        budget.check();
        upload(visitor());
    }

    private String visitor() {
        return "198.51.100." + (++visitors);
    }

    private String upload(String ip) {
        return upload(ip, null);
    }

    private String upload(String ip, String key) {
        return post(ip, key).statusCode(202).extract().path("id");
    }

    private ValidatableResponse post(String ip, String key) {
        var request = given().header("X-Forwarded-For", ip)
                .multiPart("image", "p.png", TestImages.picture(200, 150, "png"), "image/png")
                .multiPart("prompt", "as a watercolor");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(I2I).then();
    }

    private Job claim(String id) {
        Instant now = Instant.now();
        Job job = jobs.claimNext(WORKER, List.of(JobKind.IMAGE_TO_IMAGE.wire()), now, now.plusSeconds(60)).orElseThrow();
        assertEquals(id, job.id, "the only queued job");
        return job;
    }

    private boolean stored(String jobId) {
        return db.getCollection("uploads.files").countDocuments(Filters.eq("_id", new BsonString(jobId + ".input"))) == 1;
    }

    /** Makes an upload older than the sweep's grace. */
    private void age(String jobId) {
        db.getCollection("uploads.files").updateOne(Filters.eq("_id", new BsonString(jobId + ".input")),
                Updates.set("uploadDate", Date.from(Instant.now().minus(QueueMaintenance.UPLOAD_GRACE).minusSeconds(60))));
    }
}
