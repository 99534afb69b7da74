package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.aiart.ratelimit.ErasedAccountRepository;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.core.Tier;
import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.ratelimit.BucketRepository;
import ai.aiart.ratelimit.BucketState;
import ai.aiart.ratelimit.ErasedAccount;
import ai.aiart.ratelimit.ManualBlocks;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * {@code DELETE /api/v1/user/me} erases the user's jobs, their pictures and uploads, and their record;
 * nobody else's. Their fair-use state outlives it under a hash of the uid, and applies again when the
 * same account signs in (issue #16, item 6).
 */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class ErasureTest {

    @InjectAuthEmulator
    AuthEmulator emulator;
    @Inject
    JobRepository jobs;
    @Inject
    ResultStore results;
    @Inject
    UploadStore uploads;
    @Inject
    ai.aiart.generation.service.JobBoard board;
    @Inject
    BucketRepository buckets;
    @Inject
    ManualBlocks blocks;
    @Inject
    UserRepository users;
    @Inject
    ErasedAccountRepository erased;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void erasingRemovesJobsResultsUploadsAndTheRecord() throws Exception {
        AuthEmulator.Account user = emulator.signUp();
        AuthEmulator.Account other = emulator.signUp();
        String finished = submit(user, "a garden after rain");
        String uploadJob = given().auth().oauth2(user.idToken())
                .multiPart("image", "photo.png", TestImages.picture(320, 240, "png"), "image/png")
                .multiPart("prompt", "as an oil painting")
                .post("/api/v1/generate/image-to-image").then().statusCode(202).extract().path("id");
        String othersJob = submit(other, "someone else's garden");
        String resultFile = finish(finished);
        String uploadFile = jobs.findById(uploadJob).params.input.fileId;
        given().get("/api/v1/jobs/" + finished + "/result").then().statusCode(200).contentType("image/png");

        given().auth().oauth2(user.idToken()).delete("/api/v1/user/me").then().statusCode(200)
                .body("erased.jobs", equalTo(2))
                .body("erased.results", equalTo(1))
                .body("erased.uploads", equalTo(1))
                .body("erased.user_record", equalTo(true))
                .body("erased.fair_use_kept", equalTo(true)); // its bucket: it created two things just now

        given().get("/api/v1/jobs/" + finished).then().statusCode(404);
        given().get("/api/v1/jobs/" + finished + "/result").then().statusCode(404);
        given().get("/api/v1/jobs/" + uploadJob).then().statusCode(404);
        assertTrue(results.open(resultFile).isEmpty(), "the picture is gone from GridFS");
        assertTrue(uploads.open(uploadFile).isEmpty(), "the upload is gone from GridFS");
        given().get("/api/v1/jobs/" + othersJob).then().statusCode(200);
        given().auth().oauth2(user.idToken()).get("/api/v1/user/jobs").then().statusCode(200).body("jobs", equalTo(List.of()));

        // the sign-in still works (Firebase keeps the account until the user deletes it): a new, empty record
        given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200)
                .body("usage_stats.jobs", equalTo(0));
    }

    @Test
    void erasingAndSigningInAgainKeepsFairUse() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp());
        String key = SignedIn.keyOf(user.uid());
        submit(user, "a lighthouse at dusk");
        BucketState before = buckets.load(key).orElseThrow();
        long now = System.currentTimeMillis();
        // an admin demoted the account, gave it its own limit and blocked it
        users.setTier(user.uid(), Tier.ANONYMOUS);
        users.setPerMinute(user.uid(), 3);
        blocks.block(key, now + 600_000, "scripted sign-ups", "admin-uid", now);
        given().auth().oauth2(user.idToken()).contentType(ContentType.JSON).body(Map.of("prompt", "again"))
                .post("/api/v1/generate/text-to-image").then().statusCode(429).body("error_type", equalTo("blocked"));
        long erasedBefore = erased.count();

        given().auth().oauth2(user.idToken()).delete("/api/v1/user/me").then().statusCode(200)
                .body("erased.user_record", equalTo(true))
                .body("erased.fair_use_kept", equalTo(true));

        // nothing is filed under the uid any more, and what is kept names neither the uid nor the e-mail
        assertTrue(users.findByIdOptional(user.uid()).isEmpty());
        assertTrue(buckets.load(key).isEmpty(), "no bucket under user:<uid>");
        assertNull(blocks.findById(key), "no block record under user:<uid>");
        assertEquals(erasedBefore + 1, erased.count());
        for (Document kept : erased.mongoDatabase().getCollection("erased_accounts").find()) {
            String json = kept.toJson();
            assertFalse(json.contains(user.uid()) || json.contains(user.email()), json);
        }

        // the same account signs in again: a new record, standing where the erased one stood
        given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200)
                .body("usage_stats.jobs", equalTo(0))
                .body("tier", equalTo("anonymous"))
                .body("rate_limit_overrides.per_minute", equalTo(3));
        given().auth().oauth2(user.idToken()).contentType(ContentType.JSON).body(Map.of("prompt", "a fresh start?"))
                .post("/api/v1/generate/text-to-image").then().statusCode(429).body("error_type", equalTo("blocked"));
        BucketState after = buckets.load(key).orElseThrow();
        assertEquals(before.graceUsed, after.graceUsed, "the grace used stays used");
        assertEquals(before.updatedAt, after.updatedAt);
        assertNotNull(blocks.findById(key), "the admin's block is back under the account");
        assertEquals(erasedBefore, erased.count(), "the kept record is taken when it applies again");

        // the block lifted, the bucket carries on from the restored copy (its version is one nobody held)
        blocks.lift(key, System.currentTimeMillis(), false);
        submit(user, "after the block");
        assertTrue(buckets.load(key).orElseThrow().version > after.version);
    }

    @Test
    void whatNoLongerMattersIsForgotten() {
        long now = System.currentTimeMillis();
        ErasedAccount stale = new ErasedAccount();
        stale.id = "stale-" + now;
        stale.perMinute = 1;
        stale.keepUntil = now - 1;
        ErasedAccount current = new ErasedAccount();
        current.id = "current-" + now;
        current.perMinute = 1;
        current.keepUntil = now + 60_000;
        erased.keep(stale);
        erased.keep(current);

        erased.deleteExpired(now);

        assertTrue(erased.findByIdOptional(stale.id).isEmpty());
        assertTrue(erased.findByIdOptional(current.id).isPresent());
        erased.deleteById(current.id);
    }

    private static String submit(AuthEmulator.Account account, String prompt) {
        return given().auth().oauth2(account.idToken()).contentType(ContentType.JSON).body(Map.of("prompt", prompt))
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
    }

    /** Records a result the way a worker does (this profile runs none): a picture in GridFS, the job succeeded. */
    private String finish(String id) throws Exception {
        Path picture = Files.createTempFile("erasure-", ".png");
        Files.write(picture, TestImages.picture(64, 64, "png"));
        Job.JobResult result = new Job.JobResult();
        result.contentType = "image/png";
        result.width = 64;
        result.height = 64;
        result.provider = "local";
        result.fileId = id + ".result";
        result.size = results.save(result.fileId, "image/png", picture);
        Files.delete(picture);
        Job job = jobs.findById(id);
        job.status = JobStatus.SUCCEEDED.wire();
        job.result = result;
        job.provider = result.provider;
        job.progress = 1.0;
        job.startedAt = Instant.now();
        job.completedAt = job.startedAt;
        jobs.update(job);
        board.changed(id); // as the worker's instance does when a job ends
        return result.fileId;
    }
}
