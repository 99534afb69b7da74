package ai.aiart.monitoring;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.service.BytesBudget;
import ai.aiart.generation.service.JobBoard;
import ai.aiart.generation.service.JobWorker;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The figures of /q/metrics, the traffic roll-up and the resource snapshots hold the values of what
 * happened: counters move by the jobs and requests the test makes, gauges and snapshots say what
 * the store holds. Before counting, the test waits until no job of an earlier test is left.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class MonitoringTest {

    private static final String SUBMITTED = "aiart_jobs_submitted_total{cached=\"false\",kind=\"text-to-image\",tier=\"anonymous\"}";
    private static final String SUCCEEDED = "aiart_jobs_completed_total{kind=\"text-to-image\",provider=\"local\",status=\"succeeded\"}";
    private static final String LATENCY = "aiart_provider_latency_seconds_count{kind=\"text-to-image\",outcome=\"success\",provider=\"local\"}";
    private static final String POSTS = "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"202\","
            + "uri=\"/api/v1/generate/text-to-image\"}";

    @Inject
    MonitoringStore monitoring;
    @Inject
    MongoClient mongo;
    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    JobWorker worker;
    @Inject
    BytesBudget budget;
    @Inject
    AiartConfig config;

    @AfterEach
    void removeTheJobsOfElsewhere() {
        // no worker holds them; left, they would be queued and running jobs for the tests after these
        jobs.mongoCollection().deleteMany(Filters.regex("_id", "^elsewhere-"));
        board.refresh();
    }

    @Test
    void theJobCountersCountTheJobsMadeAndTheGaugesShowWhatTheStoreHolds() {
        quiet();
        Map<String, Double> before = metrics();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(submit("{\"prompt\":\"metrics at dawn, take " + i + "\"}"));
        }
        for (String id : ids) {
            awaitTerminal(id, Duration.ofSeconds(30)).body("status", equalTo("succeeded"));
        }
        // counted before the 202 went out
        assertEquals(before.getOrDefault(SUBMITTED, 0.0) + 2, metrics().get(SUBMITTED), SUBMITTED);
        // counted just after the job's end is stored, and after the answer has ended: awaited, then exact
        for (String counter : List.of(SUCCEEDED, LATENCY, POSTS)) {
            double expected = before.getOrDefault(counter, 0.0) + 2;
            await(() -> metrics().getOrDefault(counter, 0.0) >= expected, counter);
            assertEquals(expected, metrics().get(counter), counter);
        }

        elsewhere("queued", 2);
        board.refresh();
        assertEquals(2, jobs.mongoCollection().countDocuments(Filters.eq(Job.F_STATUS, "queued")));
        assertEquals(2.0, metrics().get("aiart_queue_length"), "the queue gauge says what the store holds");
        budget.check();
        long resultBytes = 0;
        for (Document file : mongo.getDatabase("aiart").getCollection("results.files").find()) {
            resultBytes += ((Number) file.get("length")).longValue();
        }
        assertTrue(resultBytes > 0);
        assertEquals((double) resultBytes, metrics().get("aiart_store_results_bytes"), "the results' bytes in the store");
        assertEquals(0.0, metrics().get("aiart_hibernating"));
    }

    @Test
    void requestsAreRolledUpByEndpointAndMinuteWithNoClearIp() {
        monitoring.flushAll(); // what earlier tests left in the open minute
        long before = jobReads();
        String id = submit("{\"prompt\":\"a logged request\"}");
        given().get("/api/v1/jobs/" + id).then().statusCode(200);
        given().get("/api/v1/jobs/" + id).then().statusCode(200);
        // a request is counted when its response has ended, which a busy machine may reach just after the
        // client has read the answer: flush until both are in (or 10 s have passed)
        long counted = 0;
        for (long until = System.nanoTime() + 10_000_000_000L; counted < 2 && System.nanoTime() < until;) {
            monitoring.flushAll();
            counted = jobReads() - before;
            if (counted < 2) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        assertEquals(2, counted, "both job reads are counted under their endpoint and status class");
        Document minute = mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION)
                .find(Filters.eq("endpoints.endpoint", "GET /api/v1/jobs/{id}")).sort(new Document("_id", -1)).first();
        assertFalse(minute.get("ms", Document.class).isEmpty(), "response times are kept: " + minute.toJson());
        assertFalse(minute.toJson().contains("127.0.0.1"), "no clear IP is stored");
        assertFalse(minute.getList("ips", String.class).isEmpty());
        assertTrue(minute.getList("ips", String.class).stream().allMatch(ip -> ip.matches("[0-9a-f]{32}")));
        assertFalse(minute.toJson().contains(id), "ids are folded out of the paths");
    }

    private long jobReads() {
        long n = 0;
        for (Document minute : mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION)
                .find(Filters.eq("endpoints.endpoint", "GET /api/v1/jobs/{id}"))) {
            for (Document e : minute.getList("endpoints", Document.class)) {
                if (e.getString("endpoint").equals("GET /api/v1/jobs/{id}") && e.containsKey("2xx")) {
                    n += e.getInteger("2xx");
                }
            }
        }
        return n;
    }

    @Test
    void aSnapshotHoldsTheFiguresOfItsMoment() {
        quiet();
        elsewhere("queued", 2);
        elsewhere("running", 1);
        board.refresh();
        var snapshots = mongo.getDatabase("aiart").getCollection("resource_metrics");
        long before = snapshots.countDocuments();
        monitoring.snapshot();
        assertTrue(snapshots.countDocuments() > before);
        Document latest = snapshots.find().sort(new Document("_id", -1)).first();
        assertEquals(2L, ((Number) latest.get("queue_length")).longValue(), "the 2 queued jobs the store holds: " + latest.toJson());
        assertEquals(1L, ((Number) latest.get("running_jobs")).longValue(), "and the running one");
        assertEquals(config.instance(), latest.getString("instance"));
        assertEquals(false, latest.getBoolean("hibernating"));
        double cpu = latest.getDouble("cpu");
        double memory = latest.getDouble("memory");
        assertTrue(cpu >= 0 && cpu <= 1, "cpu is a share: " + cpu);
        assertTrue(memory >= 0 && memory <= 1, "memory is a share of the limit (0 before the first sample): " + memory);
        assertTrue(((Number) latest.get("rss_bytes")).longValue() > 0, "the process's resident memory, read from /proc");
    }

    /**
     * Waits until no job of an earlier test is queued or running, so that the counters move for this
     * test's jobs only. Queued ones are deleted; running ones are let finish (deleting a job a worker
     * is making would have the worker stopped, not the figures settled).
     */
    private void quiet() {
        await(() -> {
            jobs.mongoCollection().deleteMany(Filters.eq(Job.F_STATUS, "queued"));
            return jobs.mongoCollection().countDocuments(Filters.eq(Job.F_STATUS, "running")) == 0 && worker.runningJobs().isEmpty();
        }, 60, "no job of an earlier test queued or running (a dead worker's is requeued when its lease runs out)");
        board.refresh();
    }

    /** Jobs with {@code status} as another instance stores them: a deferred job, or one its worker holds. */
    private void elsewhere(String status, int n) {
        for (int i = 0; i < n; i++) {
            Job job = new Job();
            job.id = "elsewhere-" + java.util.UUID.randomUUID(); // ids are never used twice; the board counts on it
            job.kind = "text-to-image";
            job.status = status;
            job.tier = "anonymous";
            job.owner = "ip:elsewhere";
            job.createdAt = Instant.now();
            if (status.equals("queued")) {
                // the deferred lane, not due for an hour: no worker here takes it meanwhile
                job.priority = Job.DEFERRED_PRIORITY;
                job.notBefore = Instant.now().plus(Duration.ofHours(1));
            } else {
                job.priority = 3;
                job.leaseOwner = "a-worker-elsewhere";
                job.leaseUntil = Instant.now().plus(Duration.ofMinutes(5));
            }
            jobs.persist(job);
        }
    }

    /** Every sample of /q/metrics, by its name and labels as written there. */
    private static Map<String, Double> metrics() {
        Map<String, Double> samples = new HashMap<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static void await(BooleanSupplier condition, String what) {
        await(condition, 15, what);
    }

    private static void await(BooleanSupplier condition, int seconds, String what) {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }
}
