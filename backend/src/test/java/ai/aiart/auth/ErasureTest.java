package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
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

/** {@code DELETE /api/v1/user/me} erases the user's jobs, their pictures and uploads, and their record; nobody else's. */
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
                .body("erased.user_record", equalTo(true));

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
