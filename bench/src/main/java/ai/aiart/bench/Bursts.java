package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1: N visitors submit a picture at the same moment, each from its own address on a
 * new connection, to the primary (where every page sends its first request). Meanwhile a probe
 * asks /api/v1/health every 20 ms. Then: how long until every accepted job is done.
 * Also the result-download burst: many visitors fetch finished pictures at once.
 */
final class Bursts {

    /**
     * What one burst measured. {@code answering}: the store commands from the moment the
     * visitors were let go to the last answer; {@code whole}: to the queue empty and one upstream
     * time more (the benchmark's own status checks after it left out)
     * ({@link StoreProxy.Counts#NONE} when the burst did not wait for its jobs). {@code unfriendly}:
     * 429 and 503 answers that did not say when to come back (no retry_after, no Retry-After).
     */
    record Outcome(int visitors, Lat submit, Lat health, double answeredSeconds, List<Api.Accepted> accepted,
            double doneSeconds, Map<String, Integer> jobStatuses, StoreProxy.Counts answering, StoreProxy.Counts whole, long unfriendly) {

        /** Visitors answered 202, or 429/503 with the time to wait. */
        long friendly() {
            return submit.countOf("202") + submit.countOf("429") + submit.countOf("503") - unfriendly;
        }

        /** Store commands per accepted request (202) from the go to every accepted job done (NaN when not waited for). */
        double commandsPerAcceptedWhole() {
            return accepted.isEmpty() || whole.commands().isEmpty() ? Double.NaN : (double) whole.app() / accepted.size();
        }

        /** Store commands per accepted request (202) from the go to the last answer. */
        double commandsPerAccepted() {
            return accepted.isEmpty() ? Double.NaN : (double) answering.app() / accepted.size();
        }

        /** Jobs that succeeded, including those whose result the results budget has removed since. */
        long succeeded() {
            return jobStatuses.getOrDefault("succeeded", 0) + jobStatuses.getOrDefault("expired", 0);
        }

        /** Jobs finished per minute, from the burst to the last one done. */
        double completionsPerMinute() {
            return doneSeconds > 0 ? succeeded() / doneSeconds * 60 : Double.NaN;
        }
    }

    private final Topology topology;

    Bursts(Topology topology) {
        this.topology = topology;
    }

    Outcome run(int visitors, String label) throws InterruptedException {
        return run(visitors, label, true);
    }

    /**
     * {@code visitors} submit at once; with {@code awaitJobs}, then waits until the queue is
     * empty and every accepted job has ended (otherwise returns once every visitor is answered).
     */
    Outcome run(int visitors, String label, boolean awaitJobs) throws InterruptedException {
        Lat submit = new Lat(label);
        Lat health = new Lat("health during " + label);
        List<Api.Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(visitors);
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong unfriendly = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            String ip = Api.newVisitor();
            String body = Api.pictureBody(label + ", visitor " + i + ": a lighthouse on a cliff at dusk, oil painting", 100_000L + i);
            threads.add(Api.thread("visitor-" + i, () -> {
                try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 10_000)) {
                    go.await();
                    long t = System.nanoTime();
                    try {
                        MiniHttp.Response r = http.postJson("/api/v1/generate/text-to-image", Api.as(ip), body, 60_000);
                        count(r, System.nanoTime() - t, ip, submit, accepted, unfriendly);
                    } catch (IOException e) {
                        submit.failed(System.nanoTime() - t);
                    }
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    answered.countDown();
                }
            }));
        }
        Thread.sleep(200); // every visitor thread is waiting at the gate
        Thread probe = Api.thread("health-probe", () -> probeHealth(health, answered));
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        go.countDown();
        answered.await();
        StoreProxy.Counts answering = topology.proxy.counts().minus(before);
        probe.join(5000);
        double answeredSeconds = (lastAnswer.get() - t0) / 1e9;
        Api.joinAll(threads, 1000);
        if (!awaitJobs) {
            return new Outcome(visitors, submit, health, answeredSeconds, List.copyOf(accepted), Double.NaN, Map.of(), answering,
                    StoreProxy.Counts.NONE, unfriendly.get());
        }
        // the queue drains; then every accepted job must be terminal
        awaitEmptyQueue();
        // The whole window's store commands end here: the last jobs claimed have had their
        // upstream time. The status checks below are the benchmark's, not the visitors', and
        // would add two commands a job to the figure.
        Thread.sleep(topology.settings.upstreamLatency().toMillis() + 500);
        StoreProxy.Counts whole = topology.proxy.counts().minus(before);
        Map<String, String> statuses = Api.awaitTerminal(topology.primaryPort, List.copyOf(accepted), 600_000);
        double doneSeconds = (System.nanoTime() - t0) / 1e9;
        return new Outcome(visitors, submit, health, answeredSeconds, List.copyOf(accepted), doneSeconds, Api.tally(statuses), answering,
                whole, unfriendly.get());
    }

    /**
     * Counts one visitor's answer that took {@code nanos}: its status; a 202's job among the
     * accepted ones; a 429 or 503 that does not say when to come back (no retry_after, no
     * Retry-After) as unfriendly.
     */
    static void count(MiniHttp.Response r, long nanos, String ip, Lat submit, List<Api.Accepted> accepted, AtomicLong unfriendly) {
        submit.record(nanos, r.status());
        if (r.status() == 202) {
            accepted.add(new Api.Accepted(Api.jobId(r), ip));
        } else if ((r.status() == 429 || r.status() == 503) && Api.retryAfter(r, -1) < 0) {
            unfriendly.incrementAndGet();
        }
    }

    /** The store proxy's counters now. */
    StoreProxy.Counts proxyCounts() {
        return topology.proxy.counts();
    }

    private void probeHealth(Lat health, CountDownLatch answered) {
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
            while (answered.getCount() > 0) {
                long t = System.nanoTime();
                try {
                    MiniHttp.Response r = http.get("/api/v1/health", Map.of(), 10_000);
                    health.record(System.nanoTime() - t, r.status());
                } catch (IOException e) {
                    health.failed(System.nanoTime() - t);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitEmptyQueue() throws InterruptedException {
        long deadline = System.nanoTime() + 900_000_000_000L;
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 2000)) {
            while (System.nanoTime() < deadline && Api.queueLength(http) != 0) {
                Thread.sleep(500);
            }
        }
    }

    /** What the download burst measured. */
    record Downloads(Lat firstAttempt, Lat all, double allDoneSeconds, int gaveUp) {
    }

    /**
     * {@code count} visitors fetch finished results at once (new connections, the whole body
     * read as fast as loopback allows); a visitor told "busy" waits the Retry-After and tries again.
     */
    Downloads downloads(List<Api.Accepted> finished, int count) throws InterruptedException {
        Lat first = new Lat("download, first attempt");
        Lat all = new Lat("download, every attempt");
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong gaveUp = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count && !finished.isEmpty(); i++) {
            Api.Accepted job = finished.get(i % finished.size());
            String ip = Api.newVisitor();
            threads.add(Api.thread("download-" + i, () -> {
                try {
                    go.await();
                    for (int attempt = 0; attempt < 20; attempt++) {
                        long t = System.nanoTime();
                        long wait = 0;
                        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 10_000)) {
                            MiniHttp.Response r = http.get("/api/v1/jobs/" + job.id() + "/result", Api.as(ip), 60_000);
                            long took = System.nanoTime() - t;
                            if (attempt == 0) {
                                first.record(took, r.status());
                            }
                            all.record(took, r.status());
                            if (r.status() == 200) {
                                return;
                            }
                            wait = Api.retryAfter(r, 1);
                        } catch (IOException e) {
                            if (attempt == 0) {
                                first.failed(System.nanoTime() - t);
                            }
                            all.failed(System.nanoTime() - t);
                            wait = 1;
                        }
                        Thread.sleep(wait * 1000);
                    }
                    gaveUp.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread.sleep(200);
        long t0 = System.nanoTime();
        go.countDown();
        Api.joinAll(threads, 300_000);
        return new Downloads(first, all, (System.nanoTime() - t0) / 1e9, (int) gaveUp.get());
    }
}
