package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Two backends whose clocks disagree ({@code aiart.testing.clock-offset} on one of them). Leases
 * are written with the holder's clock and judged by the reaper's, so the documented bound
 * (docs/RELIABILITY.md, "Clocks") is: a live worker's lease is never taken while the reaper's clock
 * runs ahead by less than {@code lease − renew-every} (here 3 s − 1 s = 2 s; 20 s in production);
 * a dead worker's job is requeued at most {@code lease + skew + reap-every + stats-every} after its
 * last renewal (the reaper sees running jobs in its job board, refreshed every stats-every).
 * Beyond the bound leases are taken early — and even then no job is finished twice.
 */
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "clocks skewed between backends")
class ClockSkewIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    /** One store, a holder with the true clock and a reaper with a skewed one (and its workers). */
    private record Pair(EmbeddedStore store, MongoClient mongo, BackendProcess holder, BackendProcess reaper) implements AutoCloseable {

        static Pair start(int reaperWorkers, String reaperOffset) throws Exception {
            EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
            MongoClient mongo = MongoClients.create(store.connectionString());
            BackendProcess holder = null;
            try {
                List<BackendProcess> both = BackendProcess.startTogether(new BackendProcess.Spec("holder", env(store, 1, null)),
                        new BackendProcess.Spec("reaper", env(store, reaperWorkers, reaperOffset)));
                holder = both.get(0);
                return new Pair(store, mongo, holder, both.get(1));
            } catch (Exception | Error e) {
                if (holder != null) {
                    holder.close();
                }
                mongo.close();
                store.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            reaper.close();
            holder.close();
            mongo.close();
            store.close();
        }
    }

    private static Map<String, String> env(EmbeddedStore store, int workers, String offset) {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                "AIART_QUEUE_WORKERS", String.valueOf(workers),
                "AIART_QUEUE_LEASE", LEASE.toSeconds() + "s",
                "AIART_QUEUE_RENEW_EVERY", "1s",
                "AIART_QUEUE_REAP_EVERY", "250ms",
                "AIART_QUEUE_POLL_EVERY", "200ms",
                // the reaper learns of running jobs and their leases from the job board's refresh
                "AIART_QUEUE_STATS_EVERY", "250ms",
                "AIART_QUEUE_STATS_IDLE_EVERY", "250ms",
                "AIART_LOCAL_DELAY", "6s"));
        if (offset != null) {
            env.put("AIART_TESTING_CLOCK_OFFSET", offset);
        }
        return env;
    }

    @Test
    @ReliabilityCase(name = "reaper's clock 1 s ahead (inside the 2 s bound), 6 s job",
            expected = "lease never taken: one attempt, made once")
    void aReaperAheadWithinTheBoundNeverTakesALiveLease() throws Exception {
        try (Pair pair = Pair.start(0, "1s")) {
            MongoClient mongo = pair.mongo();
            BackendProcess holder = pair.holder();
            BackendProcess reaper = pair.reaper();
            String id = submit(holder);
            RestartIT.awaitSucceeded(holder.url(), id);
            Document job = jobs(mongo).find(Filters.eq("_id", id)).first();
            assertNotNull(job);
            assertEquals(1, job.getInteger("attempts"), "the job was never taken from its live worker");
            assertTrue(reaper.logText().contains("clock-offset=PT1S"), "the reaper ran with its skewed clock");
            assertEquals(1, madeCount(mongo, id));
        }
    }

    @Test
    @ReliabilityCase(name = "reaper's clock 1 s behind, holder killed",
            expected = "never before its lease ends, and at most skew + reap-every + stats-every (+2 s) after, finished once")
    void aReaperBehindRequeuesADeadWorkersJobLateByAtMostItsSkew() throws Exception {
        // The reaper runs no workers, so the job can only be claimed by the holder (with a worker of
        // its own the reaper could win the claim race); once it is requeued a third backend finishes it.
        try (Pair pair = Pair.start(0, "-1s")) {
            MongoClient mongo = pair.mongo();
            BackendProcess holder = pair.holder();
            String id = submit(holder);
            awaitRunningOn(mongo, id, "holder-");
            holder.kill();
            long killed = System.nanoTime();
            // the lease as the holder last renewed it, on the true clock: nothing renews it any more
            java.time.Instant leaseUntil = jobs(mongo).find(Filters.eq("_id", id)).first().getDate("lease_until").toInstant();
            assertNotNull(leaseUntil);
            while (jobs(mongo).countDocuments(Filters.and(Filters.eq("_id", id), Filters.regex("lease_owner", "^holder-"))) > 0) {
                assertTrue(System.nanoTime() - killed < Duration.ofSeconds(15).toNanos(), "the dead worker's job was never requeued");
                Thread.sleep(50);
            }
            java.time.Instant requeued = java.time.Instant.now();
            // never before the lease ends; late by at most the skew, a reaper tick and a board refresh
            // (1 s + 250 ms + 250 ms), with 2 s for a busy machine's delayed ticks
            assertTrue(!requeued.isBefore(leaseUntil), "requeued at " + requeued + ", before its lease ended at " + leaseUntil);
            Duration late = Duration.between(leaseUntil, requeued);
            Duration bound = Duration.ofSeconds(1).plusMillis(250).plusMillis(250).plusSeconds(2);
            assertTrue(late.compareTo(bound) <= 0, "requeued " + late + " after its lease ended (bound " + bound + ")");
            try (BackendProcess finisher = BackendProcess.start("finisher", env(pair.store(), 1, null))) {
                RestartIT.awaitSucceeded(finisher.url(), id);
            }
            assertEquals(1, madeCount(mongo, id));
        }
    }

    @Test
    @ReliabilityCase(name = "reaper's clock 10 s ahead (beyond the bound), 6 s job",
            expected = "leases taken early; the job still ends (succeeded or failed), never finished twice")
    void beyondTheBoundLeasesAreTakenEarlyButNoJobIsFinishedTwice() throws Exception {
        try (Pair pair = Pair.start(0, "10s")) {
            MongoClient mongo = pair.mongo();
            BackendProcess holder = pair.holder();
            String id = submit(holder);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String status;
            do {
                Thread.sleep(200);
                status = jobs(mongo).find(Filters.eq("_id", id)).first().getString("status");
            } while (!status.equals("succeeded") && !status.equals("failed") && System.nanoTime() < deadline);
            Document job = jobs(mongo).find(Filters.eq("_id", id)).first();
            assertTrue(job.getInteger("attempts") > 1, "a 10 s skew takes live leases: attempts " + job.getInteger("attempts"));
            assertTrue(status.equals("succeeded") || status.equals("failed"), "the job ended: " + status);
            assertTrue(madeCount(mongo, id) <= 1, "never finished twice");
            if (status.equals("failed")) {
                assertTrue(job.get("error", Document.class).getString("message").contains("Please submit it again"));
            }
        }
    }

    private static String submit(BackendProcess backend) {
        return RestAssured.given().baseUri(backend.url()).contentType(ContentType.JSON)
                .body("{\"prompt\":\"a clock tower at noon\",\"seed\":12}")
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
    }

    private static MongoCollection<Document> jobs(MongoClient mongo) {
        return mongo.getDatabase("aiart").getCollection("jobs");
    }

    private static long madeCount(MongoClient mongo, String id) {
        return mongo.getDatabase("aiart").getCollection("results.files")
                .countDocuments(Filters.regex("filename", "^" + java.util.regex.Pattern.quote(id) + "\\."));
    }

    private static void awaitRunningOn(MongoClient mongo, String id, String ownerPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (jobs(mongo).countDocuments(Filters.and(Filters.eq("_id", id), Filters.eq("status", "running"),
                    Filters.regex("lease_owner", "^" + ownerPrefix))) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " was not claimed by " + ownerPrefix);
    }
}
