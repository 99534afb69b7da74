package ai.aiart.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.ratelimit.BucketRepository;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * What a request costs the store (docs/ARCHITECTURE.md, "Store budget"): concurrent admissions
 * share their commands and stay exact, refusals and status reads cost none, a change made by
 * another instance shows at the next refresh, and a resubmission that reaches a second instance
 * is still free. Production limits, one trusted proxy, no workers (jobs stay queued).
 */
@QuarkusTest
@TestProfile(StoreBudgetTest.Budget.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class StoreBudgetTest {

    public static class Budget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ai.aiart.support.PinnedLoad.with(Map.of("aiart.rate-limit.anonymous", "3", "aiart.rate-limit.window", "60s",
                    "aiart.trusted-proxies", "1", "aiart.queue.workers", "0", "aiart.queue.max", "1000",
                    // refreshed only when a test says so, so that each one knows what the board has seen
                    "aiart.queue.stats-every", "1h", "aiart.queue.stats-idle-every", "1h"));
        }
    }

    private static final String GENERATE = "/api/v1/generate/text-to-image";

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;
    @Inject
    JobService service;
    @Inject
    BucketRepository buckets;
    @Inject
    ai.aiart.store.StoreCommands commands;

    @BeforeEach
    void freshQueue() {
        jobs.deleteAll();
        board.refresh();
    }

    @Test
    void concurrentVisitorsShareTheirStoreCommandsAndEveryOneIsAnsweredExactly() throws Exception {
        int visitors = 48;
        long bucketTripsBefore = buckets.roundTrips();
        List<Integer> statuses = concurrently(visitors, i -> generate(newIp(), null).extract().statusCode());
        assertEquals(visitors, statuses.stream().filter(s -> s == 202).count(), "every new visitor is admitted: " + statuses);
        assertEquals(visitors, jobs.count(), "every accepted job is stored");
        long bucketTrips = buckets.roundTrips() - bucketTripsBefore;
        assertTrue(bucketTrips < visitors, "admissions share compare-and-swap commands: " + bucketTrips + " for " + visitors);
    }

    @Test
    void oneVisitorsConcurrentRequestsAreGrantedExactlyOnce() throws Exception {
        String ip = newIp();
        List<Integer> statuses = concurrently(40, i -> generate(ip, null).extract().statusCode());
        assertEquals(8, statuses.stream().filter(s -> s == 202).count(), "5 grace + 3 tokens, however they are batched: " + statuses);
        assertEquals(32, statuses.stream().filter(s -> s == 429).count());
        assertEquals(8, jobs.count());
    }

    @Test
    void aRefusalCostsNoStoreCommand() {
        String ip = newIp();
        for (int i = 0; i < 8; i++) {
            generate(ip, null).statusCode(202);
        }
        long trips = buckets.roundTrips();
        long stored = jobs.count();
        for (int i = 0; i < 10; i++) {
            generate(ip, null).statusCode(429).body("error_type", equalTo("rate_limited"));
        }
        assertEquals(trips, buckets.roundTrips(), "refused from what this instance already knows");
        assertEquals(stored, jobs.count());
    }

    @Test
    void aRefusedRequestWithAKnownSeedIsNotLookedUpForReuse() {
        String ip = newIp();
        String body = "{\"prompt\":\"a lighthouse at dusk, again and again\",\"seed\":5}";
        for (int i = 0; i < 8; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body(body).post(GENERATE).then().statusCode(202);
        }
        long finds = commands.count("find", "jobs");
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body(body).post(GENERATE).then().statusCode(429);
        }
        assertEquals(finds, commands.count("find", "jobs"), "refused before the lookup of a result to reuse");
    }

    @Test
    void statusReadsOfAQueuedJobAreAnsweredFromTheBoard() {
        String id = generate(newIp(), null).statusCode(202).extract().path("id");
        generate(newIp(), null).statusCode(202);
        double before = boardReads("job");
        for (int i = 0; i < 50; i++) {
            given().get("/api/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("queued"))
                    .body("position", equalTo(1));
        }
        assertEquals(before, boardReads("job"), "50 polls, no store read");
    }

    @Test
    void aChangeMadeByAnotherInstanceShowsAtTheNextRefreshAndAnEndedJobIsReadOnce() {
        String first = generate(newIp(), null).statusCode(202).extract().path("id");
        String second = generate(newIp(), null).statusCode(202).extract().path("id");
        given().get("/api/v1/jobs/" + second).then().body("position", equalTo(2));

        // another instance's worker claims the first job
        Instant now = Instant.now();
        jobs.mongoCollection().updateOne(Filters.eq("_id", first), Updates.combine(Updates.set("status", "running"),
                Updates.set("lease_owner", "elsewhere"), Updates.set("lease_until", now.plusSeconds(30)),
                Updates.set("started_at", now)));
        board.refresh();
        given().get("/api/v1/jobs/" + first).then().body("status", equalTo("running"));
        given().get("/api/v1/jobs/" + second).then().body("status", equalTo("queued")).body("position", equalTo(1));

        // … and finishes it: the job leaves the active set, is read once, then answered from memory
        jobs.mongoCollection().updateOne(Filters.eq("_id", first), Updates.combine(Updates.set("status", "failed"),
                Updates.set("error", new Job.JobError("provider_error", "test")), Updates.set("completed_at", now),
                Updates.unset("lease_owner"), Updates.unset("lease_until")));
        board.refresh();
        double before = boardReads("job");
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/jobs/" + first).then().body("status", equalTo("failed"));
        }
        assertEquals(before + 1, boardReads("job"), "one read for the ended job, then memory");
    }

    @Test
    void aResubmissionThatReachesAnotherInstanceReturnsTheSameJobAndTakesNothing() {
        String ip = newIp();
        String key = UUID.randomUUID().toString();
        String id = generate(ip, key).statusCode(202).extract().path("id");
        int tokensBefore = given().header("X-Forwarded-For", ip).get("/api/v1/limits").then().extract().path("grace_left");
        long stored = jobs.count();

        service.forgetKeysMadeHere(); // as an instance that did not store it sees the key
        generate(ip, key).statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertEquals(stored, jobs.count(), "nothing new stored");
        assertEquals(tokensBefore, (int) given().header("X-Forwarded-For", ip).get("/api/v1/limits").then()
                .extract().path("grace_left"), "the token the resubmission took is given back");

        service.forgetKeysMadeHere();
        given().header("X-Forwarded-For", ip).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"prompt\":\"something else\"}").post(GENERATE).then().statusCode(409)
                .body("error_type", equalTo("conflict"));
        assertEquals(stored, jobs.count());
    }

    @Test
    void aResubmissionThatReachesAnotherInstanceAfterTheAllowanceIsSpentGetsItsJobNotA429() {
        // a hedged creation (docs/FAILOVER.md): the second backend counts the caller's tokens, which
        // the first attempt spent, and must still answer with the job that attempt made
        String ip = newIp();
        String key = UUID.randomUUID().toString();
        String id = generate(ip, key).statusCode(202).extract().path("id");
        int status;
        int n = 0;
        do {
            status = generate(ip, key + "-" + n++).extract().statusCode();
        } while (status == 202 && n < 20);
        assertEquals(429, status, "the caller's allowance is spent");
        long stored = jobs.count();

        service.forgetKeysMadeHere();
        generate(ip, key).statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertEquals(stored, jobs.count(), "nothing new stored");
        generate(ip, UUID.randomUUID().toString()).statusCode(429); // a new key is still refused
        generate(ip, null).statusCode(429);
    }

    @Test
    void refusedRequestsWithNewKeysCostAFewStoreReadsAMinuteAtMost() {
        // each refused keyed request may be a hedge whose job another instance made: looked up, but only
        // a few times a minute per caller, so a flood past the limit with a new key each time costs nothing
        String ip = newIp();
        int status;
        int n = 0;
        do {
            status = generate(ip, "flood-" + n++).extract().statusCode();
        } while (status == 202 && n < 20);
        assertEquals(429, status);
        long finds = commands.count("find", "jobs"); // that refusal made the first look-up
        for (int i = 0; i < 10; i++) {
            generate(ip, UUID.randomUUID().toString()).statusCode(429).body("error_type", equalTo("rate_limited"));
        }
        assertEquals(finds + RefusedKeyLookups.PER_MINUTE - 1, commands.count("find", "jobs"),
                "the look-ups left in the minute, then none");
    }

    private double boardReads(String kind) {
        String metrics = given().get("/q/metrics").then().extract().asString();
        Matcher m = Pattern.compile("aiart_queue_board_reads_total\\{kind=\"" + kind + "\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static io.restassured.response.ValidatableResponse generate(String ip, String key) {
        var request = given().header("X-Forwarded-For", ip).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body("{\"prompt\":\"a lighthouse at dusk\"}").post(GENERATE).then();
    }

    private interface Call<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<T> task = () -> {
                start.await();
                return call.call(index);
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }

    private static String newIp() {
        UUID u = UUID.randomUUID();
        return "198.18." + (Math.abs(u.getMostSignificantBits()) % 250) + "." + (Math.abs(u.getLeastSignificantBits()) % 250);
    }
}
