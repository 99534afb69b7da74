package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import ai.aiart.generation.GenerationConfig;
import ai.aiart.generation.Job;
import ai.aiart.generation.RetentionConfig;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.ShortIdleProfile;
import ai.aiart.support.TestClock;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Retention, whole (docs/GENERATION.md, "Retention"; docs/OPERATIONS.md, "Hibernation"): uploads and
 * finished jobs, with the idempotency keys they hold, are deleted when their time comes and not
 * before; the scheduled clean-up (every second here) is skipped while the instance hibernates and
 * runs again once a request wakes it. Time passes on the application's clock, which the tests stop
 * and move; the scheduler's ticks are real time and awaited as conditions. What is asserted is the
 * store's documents.
 */
@QuarkusTest
@TestProfile(ShortIdleProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class RetentionTest {

    private static final String KEY = "retention-test-key";

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    JobService service;
    @Inject
    QueueMaintenance maintenance;
    @Inject
    RetentionConfig retention;
    @Inject
    GenerationConfig config;
    @Inject
    TestClock clock;
    @Inject
    MongoClient client;

    private MongoDatabase db;

    @BeforeEach
    void empty() {
        db = client.getDatabase("aiart");
        jobs.deleteAll();
        ai.aiart.support.StoreTestSupport.emptyBuckets(db, "uploads");
        board.refresh();
        service.forgetKeysMadeHere();
        clock.freeze();
    }

    @AfterEach
    void backToRealTime() {
        // what this instance remembers was stamped days ahead of real time: forgotten while the clock
        // still says so (a moment later, as the board keeps what it saw at its refresh's own instant),
        // then the board's refresh and the last request stamped again at real time, or the next test
        // would find the queue busy and the instance never idle
        jobs.deleteAll();
        clock.advance(Duration.ofSeconds(1));
        board.refresh();
        service.forgetKeysMadeHere();
        clock.reset();
        board.refresh();
        given().get("/api/v1/limits").then().statusCode(200);
    }

    @Test
    void theCleanUpDeletesWhatIsDueOnlyOnceAwakeAndNothingBeforeItsTime() {
        Instant start = Instant.now(clock);
        // an instance recorded the end of this job and stopped before deleting its upload
        String ended = upload();
        jobs.mongoCollection().updateOne(Filters.eq("_id", ended), Updates.combine(
                Updates.set(Job.F_STATUS, "failed"), Updates.set(Job.F_COMPLETED_AT, Date.from(start))));
        // a keyed creation, canceled: its job holds the key's hash until the job itself goes
        String keyed = create(KEY, "{\"prompt\":\"a kept promise\"}").statusCode(202).extract().path("id");
        given().delete("/api/v1/jobs/" + keyed).then().statusCode(200).body("status", equalTo("canceled"));
        expect(1, 2, 1);

        // a minute before the upload's grace ends, and before the jobs' retention: nothing is due
        moveTo(start.plus(QueueMaintenance.UPLOAD_GRACE).minusSeconds(60));
        assertEquals(0, maintenance.cleanUp());
        expect(1, 2, 1);

        // the upload is due, but nobody came: hibernating, the clean-up is skipped
        sleepUntil(start.plus(QueueMaintenance.UPLOAD_GRACE).plusSeconds(60));
        expect(1, 2, 1);
        // a visitor wakes the instance: the next scheduled clean-up sweeps the upload, and only the upload
        wake();
        await(() -> uploads() == 0, "the scheduled clean-up sweeps the upload once awake");
        expect(0, 2, 1);

        moveTo(start.plus(retention.retention()).minusSeconds(60));
        assertEquals(0, maintenance.cleanUp(), "a minute short of the retention, the jobs stay");
        expect(0, 2, 1);

        sleepUntil(start.plus(retention.retention()).plusSeconds(60));
        expect(0, 2, 1);
        wake();
        await(() -> jobs.count() == 0, "the scheduled clean-up deletes the finished jobs once awake");
        expect(0, 0, 0);
    }

    @Test
    void anIdempotencyKeyAnswersForItsWindowAndIsThenReleasedToTheNextRequest() {
        String body = "{\"prompt\":\"a lighthouse at dusk\"}";
        Instant start = Instant.now(clock);
        String first = create(KEY, body).statusCode(202).header("Idempotent-Replayed", nullValue()).extract().path("id");

        moveTo(start.plus(config.idempotencyWindow()).minusSeconds(60));
        create(KEY, body).statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, jobs.count());

        // past the window, the key this instance remembers is not honoured, and the store gives it up
        moveTo(start.plus(config.idempotencyWindow()).plusSeconds(60));
        String second = create(KEY, body).statusCode(202).header("Idempotent-Replayed", nullValue())
                .body("id", not(equalTo(first))).extract().path("id");
        assertEquals(2, jobs.count(), "the key made a new job");
        assertEquals(1, keys(), "one job holds the key");
        assertEquals(second, jobs.mongoCollection().find(Filters.exists(Job.F_IDEM)).first().id);
        assertNull(jobs.findById(first).idem, "the first job gave it up");
        // from now on the key answers with the new job, from memory and, as on the other instance, from the store
        create(KEY, body).statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(second));
        service.forgetKeysMadeHere();
        create(KEY, body).statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(second));
        assertEquals(2, jobs.count());
    }

    /** The store holds these many uploads, jobs, and jobs holding an idempotency key. */
    private void expect(long uploads, long jobCount, long keys) {
        assertEquals(uploads, uploads(), "uploads");
        assertEquals(jobCount, jobs.count(), "jobs");
        assertEquals(keys, keys(), "idempotency keys");
    }

    private long uploads() {
        return db.getCollection("uploads.files").countDocuments();
    }

    private long keys() {
        return jobs.mongoCollection().countDocuments(Filters.exists(Job.F_IDEM));
    }

    /**
     * Moves the application's clock on to {@code at}, and refreshes the job board as its next tick
     * would: it then knows the end recorded behind its back, and no queued job keeps the instance awake.
     */
    private void moveTo(Instant at) {
        clock.advance(Duration.between(Instant.now(clock), at));
        board.refresh();
    }

    /**
     * With the instance hibernating and nothing yet due: waits for a skipped clean-up (so that one
     * started before, awake, has long read the time), moves the clock on to {@code at} and waits for
     * the next skipped tick, checking that no clean-up ran meanwhile.
     */
    private void sleepUntil(Instant at) {
        health(true);
        long skipped = cleanUps("skipped");
        await(() -> cleanUps("skipped") > skipped, "a skipped clean-up");
        long runs = cleanUps("run");
        long skippedBefore = cleanUps("skipped");
        moveTo(at);
        await(() -> cleanUps("skipped") > skippedBefore, "a skipped clean-up with something due");
        assertEquals(runs, cleanUps("run"), "no clean-up runs while the instance hibernates");
        health(true);
    }

    /** A visitor's request: the instance is awake at once. */
    private static void wake() {
        given().get("/api/v1/limits").then().statusCode(200);
        health(false);
    }

    private String upload() {
        return given().multiPart("image", "p.png", TestImages.picture(200, 150, "png"), "image/png")
                .multiPart("prompt", "as a watercolor").post("/api/v1/generate/image-to-image")
                .then().statusCode(202).extract().path("id");
    }

    private static ValidatableResponse create(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/generate/text-to-image").then();
    }

    private static void health(boolean hibernating) {
        given().get("/api/v1/health").then().statusCode(200).body("hibernating", equalTo(hibernating));
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 15 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
    }

    private static long cleanUps(String outcome) {
        String metrics = given().get("/q/metrics").then().extract().asString();
        Matcher m = Pattern.compile("aiart_scheduled_runs_total\\{outcome=\"" + outcome + "\",task=\"cleanup\"} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
