package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 5: the primary dies while visitors use the site, in the two ways a backend dies:
 * {@code kill -9} (connections refused) and {@code kill -STOP} (hung: the kernel still accepts
 * connections, nothing answers; the process is then killed). Measured from the signal: the
 * first success through the fallback of a picture request and of a status poll sent at once
 * by clients that had been talking to the primary. Meanwhile a stream of visitors keeps
 * submitting through the same client rules; every job any backend accepted (202) must end
 * (succeeded, failed or canceled): jobs the dead primary held come back through the lease
 * reaper of the fallback.
 */
final class Failover {

    /**
     * One trial: signal → first success of the picture request and the status poll, who answered,
     * and on the healthy pair before the signal the requests sent and the hedges among them.
     */
    record Trial(String mode, double postMs, String postBackend, double getMs, String getBackend, FailoverClient.Sent healthy) {
    }

    /** All trials and the fate of every accepted job. */
    record Outcome(List<Trial> trials, int accepted, Map<String, Integer> jobStatuses, double settledSeconds) {

        int lost() {
            return accepted - Api.TERMINAL.stream().mapToInt(s -> jobStatuses.getOrDefault(s, 0)).sum();
        }
    }

    private final Topology topology;
    private final List<Api.Accepted> accepted = Collections.synchronizedList(new ArrayList<>());

    Failover(Topology topology) {
        this.topology = topology;
    }

    Outcome run(int trialsPerMode) throws Exception {
        List<Trial> trials = new ArrayList<>();
        Thread tracker = Api.thread("failover-tracker", this::track);
        try {
            for (String mode : List.of("refused", "hung")) {
                for (int i = 0; i < trialsPerMode; i++) {
                    trials.add(trial(mode));
                    restartPrimary();
                }
            }
        } finally {
            tracking = false;
            tracker.interrupt();
            tracker.join(10_000);
        }
        long t = System.nanoTime();
        List<Api.Accepted> open = accepted.stream().filter(job -> !Api.terminal(seen.get(job.id()))).toList();
        Map<String, String> statuses = new java.util.HashMap<>(seen);
        statuses.putAll(Api.awaitTerminal(topology.fallbackPort, open, 240_000));
        accepted.forEach(job -> statuses.putIfAbsent(job.id(), "unknown"));
        return new Outcome(trials, accepted.size(), Api.tally(statuses), (System.nanoTime() - t) / 1e9);
    }

    private final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean tracking = true;

    /**
     * Follows every accepted job through the fallback, as the visitors' pages do, and keeps
     * the first terminal status seen (finished jobs are deleted after the retention).
     */
    private void track() {
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.fallbackPort, 2000)) {
            while (tracking) {
                for (Api.Accepted job : List.copyOf(accepted)) {
                    if (Api.terminal(seen.get(job.id()))) {
                        continue;
                    }
                    try {
                        MiniHttp.Response r = http.get("/api/v1/jobs/" + job.id(), Api.as(job.ip()), 5000);
                        if (r.status() == 200) {
                            seen.put(job.id(), Api.json(r).path("status").asText("unknown"));
                        }
                    } catch (IOException e) {
                        http.close();
                    }
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Trial trial(String mode) throws Exception {
        try (FailoverClient poster = new FailoverClient(topology.primaryPort, topology.fallbackPort, Api.newVisitor());
                FailoverClient poller = new FailoverClient(topology.primaryPort, topology.fallbackPort, Api.newVisitor())) {
            // warm-up: both have talked to the primary (keep-alive connections open), the fallback has served before
            FailoverClient.Served job = poster.post("/api/v1/generate/text-to-image", Api.pictureBody("warm-up before the " + mode + " trial", 7));
            if (job.response().status() != 202 || !job.backend().equals("primary")) {
                throw new IllegalStateException("warm-up not accepted by the primary: " + job.response().status() + " from " + job.backend());
            }
            String jobId = Api.json(job.response()).path("id").asText();
            poller.get("/api/v1/jobs/" + jobId);
            try (MiniHttp fallback = new MiniHttp("127.0.0.1", topology.fallbackPort, 2000)) {
                fallback.get("/api/v1/jobs/" + jobId, Map.of(), 5000);
            }
            Stream stream = new Stream(mode);
            Thread submitter = Api.thread("failover-stream", stream);
            long healthyFrom = System.nanoTime();
            FailoverClient.Sent before = FailoverClient.sent();
            healthyPair(poller, jobId, mode);
            FailoverClient.Sent healthy = FailoverClient.sent().minus(before);
            Thread.sleep(Math.max(0, 1500 - (System.nanoTime() - healthyFrom) / 1_000_000)); // the stream runs 1.5 s at least before the signal

            long t0 = System.nanoTime();
            topology.primary.signal(mode.equals("refused") ? "KILL" : "STOP");
            CompletableFuture<double[]> post = CompletableFuture.supplyAsync(() -> timed(t0, () ->
                    poster.post("/api/v1/generate/text-to-image", Api.pictureBody("a lighthouse in a storm, " + mode, 8))));
            CompletableFuture<double[]> get = CompletableFuture.supplyAsync(() -> timed(t0, () -> poller.get("/api/v1/jobs/" + jobId)));
            double[] p = post.get();
            double[] g = get.get();
            Thread.sleep(1500);
            stream.stop = true;
            submitter.join(20_000);
            return new Trial(mode, p[0], who(p), g[0], who(g), healthy);
        }
    }

    /**
     * What open pages send on a healthy pair, as {@code npm run measure:failover} does: 60 status
     * reads and 10 picture requests, one after another, while the stream of visitors submits
     * beside them (their requests count too). The pictures are asked by ten other visitors, so
     * that the poster keeps its allowance for the trial. Every attempt is counted, so the hedges
     * a healthy pair costs are measured.
     */
    private void healthyPair(FailoverClient poller, String jobId, String mode) throws IOException {
        for (int i = 0; i < 60; i++) {
            poller.get("/api/v1/jobs/" + jobId);
            if (i % 6 == 5) {
                String ip = Api.newVisitor();
                try (FailoverClient visitor = new FailoverClient(topology.primaryPort, topology.fallbackPort, ip)) {
                    FailoverClient.Served s = visitor.post("/api/v1/generate/text-to-image",
                            Api.pictureBody("a healthy pair before the " + mode + " trial, " + i, 800_000L + i));
                    if (s.response().status() != 202) {
                        throw new IllegalStateException("a picture on the healthy pair was answered " + s.response().status());
                    }
                    accepted.add(new Api.Accepted(Api.json(s.response()).path("id").asText(), ip));
                }
            }
        }
    }

    private interface Request {
        FailoverClient.Served send() throws IOException;
    }

    /** Who answered a timed request with a 2xx, or "none" and the status it got (0: no answer). */
    private static String who(double[] timed) {
        return timed[1] == 1 ? "fallback" : timed[1] == 0 ? "primary" : "none (" + (int) timed[2] + ")";
    }

    /** {ms from t0 to the answer, 1 if the fallback gave a 2xx / 0 primary / -1 none, the status or 0}. */
    private static double[] timed(long t0, Request request) {
        try {
            FailoverClient.Served s = request.send();
            double ms = (System.nanoTime() - t0) / 1e6;
            boolean ok = s.response().status() / 100 == 2;
            return new double[] {ms, ok ? (s.backend().equals("fallback") ? 1 : 0) : -1, s.response().status()};
        } catch (IOException e) {
            return new double[] {(System.nanoTime() - t0) / 1e6, -1, 0};
        }
    }

    /** Visitors submitting through the client rules every 150 ms; records every accepted job. */
    private final class Stream implements Runnable {
        private final String mode;
        volatile boolean stop;

        Stream(String mode) {
            this.mode = mode;
        }

        @Override
        public void run() {
            try {
                int n = 0;
                while (!stop) {
                    String ip = Api.newVisitor();
                    try (FailoverClient visitor = new FailoverClient(topology.primaryPort, topology.fallbackPort, ip)) {
                        FailoverClient.Served s = visitor.post("/api/v1/generate/text-to-image",
                                Api.pictureBody("failover " + mode + " stream " + n + ": a quiet harbour", 900_000L + n));
                        if (s.response().status() == 202) {
                            accepted.add(new Api.Accepted(Api.json(s.response()).path("id").asText(), ip));
                        }
                    } catch (IOException e) {
                        // no answer from either: nothing was accepted
                    }
                    n++;
                    Thread.sleep(150);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void restartPrimary() throws IOException, InterruptedException {
        topology.primary.kill();
        topology.primary = topology.startBackend("primary", topology.primaryPort);
        topology.awaitHealthy(topology.primary, topology.primaryPort, java.time.Duration.ofSeconds(120));
    }
}
