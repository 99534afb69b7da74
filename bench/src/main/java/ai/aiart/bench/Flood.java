package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scenario 2: one client hammers the generation endpoint from one address over several
 * keep-alive connections, as a script would. After its grace and its tokens it is refused
 * (429 rate_limited), then blocked (429 blocked, answered from the backend's memory). Meanwhile
 * a well-behaved visitor from another address follows a job and reads its limits.
 */
final class Flood {

    /** What the flood measured. */
    record Outcome(Lat flood, Lat normal, double seconds, double refusalsPerSecond, double sustainedRefusalsPerSecond) {
    }

    static final int CONNECTIONS = 8;

    private final Topology topology;

    Flood(Topology topology) {
        this.topology = topology;
    }

    Outcome run(int seconds) throws InterruptedException {
        Lat flood = new Lat("flood");
        Lat normal = new Lat("normal visitor during the flood");
        String attacker = Api.newVisitor();
        String visitor = Api.newVisitor();
        AtomicLongArray refusedPerSecond = new AtomicLongArray(seconds + 2);
        String body = Api.pictureBody("the same picture, again and again", 1);
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            threads.add(Api.thread("flood-" + c, () -> {
                try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        try {
                            MiniHttp.Response r = http.postJson("/api/v1/generate/text-to-image", Api.as(attacker), body, 10_000);
                            count(r.status(), t0, now, System.nanoTime(), flood, refusedPerSecond);
                        } catch (IOException e) {
                            flood.failed(System.nanoTime() - now);
                        }
                    }
                }
            }));
        }
        threads.add(Api.thread("normal-visitor", () -> behave(visitor, normal, end)));
        Api.joinAll(threads, (seconds + 30) * 1000L);
        return outcome(flood, normal, (System.nanoTime() - t0) / 1e9, refusedPerSecond, seconds);
    }

    /**
     * Counts one flood answer of {@code status}, sent at {@code sent} and answered at
     * {@code answered} (nanoTime, the flood began at {@code t0}): its latency and status, and a
     * 429 in the second of the flood it was answered in.
     */
    static void count(int status, long t0, long sent, long answered, Lat flood, AtomicLongArray refusedPerSecond) {
        flood.record(answered - sent, status);
        if (status == 429) {
            refusedPerSecond.incrementAndGet((int) ((answered - t0) / 1_000_000_000L));
        }
    }

    /**
     * The flood's rates: refusals a second over the whole run ({@code took} seconds, the answers
     * that came after its end included), and sustained: the mean of the whole seconds after the
     * first (which holds the grace and the block) up to the end, NaN for a flood of one second.
     */
    static Outcome outcome(Lat flood, Lat normal, double took, AtomicLongArray refusedPerSecond, int seconds) {
        long refused = flood.countOf("429");
        long sustained = 0;
        int whole = 0;
        for (int s = 1; s < seconds; s++) {
            sustained += refusedPerSecond.get(s);
            whole++;
        }
        return new Outcome(flood, normal, took, refused / took, whole == 0 ? Double.NaN : (double) sustained / whole);
    }

    /** A visitor's page: one picture, then its status every 100 ms and its limits every second. */
    private void behave(String ip, Lat normal, long end) {
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
            String job = null;
            int n = 0;
            while (System.nanoTime() < end) {
                long t = System.nanoTime();
                try {
                    MiniHttp.Response r;
                    if (job == null) {
                        r = http.postJson("/api/v1/generate/text-to-image", Api.as(ip), Api.pictureBody("a calm lake under the flood", 2), 10_000);
                        if (r.status() == 202) {
                            job = Api.jobId(r);
                        }
                    } else if (n % 10 == 0) {
                        r = http.get("/api/v1/limits", Api.as(ip), 10_000);
                    } else {
                        r = http.get("/api/v1/jobs/" + job, Api.as(ip), 10_000);
                    }
                    normal.record(System.nanoTime() - t, r.status());
                } catch (IOException e) {
                    normal.failed(System.nanoTime() - t);
                }
                n++;
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
