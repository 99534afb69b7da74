package ai.aiart.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Helpers for tests that drive jobs through the HTTP API. */
public final class StoreTestSupport {

    private StoreTestSupport() {
    }

    /** Submits a text-to-image job and returns its id. */
    public static String submit(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/generate/text-to-image")
                .then().statusCode(202)
                .extract().path("id");
    }

    /** Polls the job until it reaches a terminal status; fails after {@code timeout}. */
    public static ValidatableResponse awaitTerminal(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ValidatableResponse response = given().when().get("/api/v1/jobs/" + id).then().statusCode(200);
            String status = response.extract().path("status");
            if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled") || status.equals("expired")) {
                return response;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + id + " still " + status + " after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A queued text-to-image job of 64×64 px with a seed, not yet stored: a test puts it in the
     * queue itself, as another instance would. Its tier follows the priority (1 donor, 2
     * registered, else anonymous).
     */
    public static ai.aiart.generation.Job queuedTextJob(String id, int priority, Instant createdAt) {
        ai.aiart.generation.Job job = new ai.aiart.generation.Job();
        job.id = id;
        job.kind = ai.aiart.core.JobKind.TEXT_TO_IMAGE.wire();
        job.status = ai.aiart.generation.JobStatus.QUEUED.wire();
        job.priority = priority;
        job.tier = priority == 1 ? "donor" : priority == 2 ? "registered" : "anonymous";
        job.owner = "test";
        job.createdAt = createdAt;
        job.params = new ai.aiart.generation.Job.JobParams();
        job.params.prompt = "a test";
        job.params.seed = 1L;
        job.params.width = 64;
        job.params.height = 64;
        return job;
    }

    /** Empties these GridFS buckets (files and chunks), e.g. "uploads", "results": a test starts from none. */
    public static void emptyBuckets(com.mongodb.client.MongoDatabase db, String... buckets) {
        for (String bucket : buckets) {
            db.getCollection(bucket + ".files").deleteMany(new org.bson.Document());
            db.getCollection(bucket + ".chunks").deleteMany(new org.bson.Document());
        }
    }
}
