package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the scenarios share: visitors' addresses, request bodies, reading answers, waiting for jobs. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A job's statuses after which nothing happens to it: "expired" is a job that succeeded and
     * whose result the results budget removed since (a burst of 1,000 big pictures outgrows the
     * 350 MB budget while it is being worked).
     */
    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled", "expired");
    private static final AtomicInteger VISITORS = new AtomicInteger();

    private Api() {
    }

    /** Whether {@code status} ends a job (null-safe: an unknown job has no status). */
    static boolean terminal(String status) {
        return status != null && TERMINAL.contains(status);
    }

    /** A job a visitor got accepted: its id and the visitor's address. */
    record Accepted(String id, String ip) {
    }

    /**
     * A new visitor's address, never used before in this run: every visitor is a new identity
     * to the rate limiter (the backends trust one proxy hop of X-Forwarded-For, as deployed).
     */
    static String newVisitor() {
        int n = VISITORS.incrementAndGet();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    static Map<String, String> as(String ip) {
        return Map.of("X-Forwarded-For", ip);
    }

    static String pictureBody(String prompt, long seed) {
        return "{\"prompt\":" + quote(prompt) + ",\"seed\":" + seed + "}";
    }

    static String videoBody(String prompt, long seed) {
        return "{\"prompt\":" + quote(prompt) + ",\"duration_seconds\":4,\"seed\":" + seed + "}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(MiniHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The id of the job a 202 answer accepted ("" when the body has none). */
    static String jobId(MiniHttp.Response response) {
        return json(response).path("id").asText();
    }

    /**
     * A job's status from the answer to a status request: "missing" for a 404 (a lost job),
     * "unknown" for any other answer than a 200 or a 200 without one.
     */
    static String jobStatus(MiniHttp.Response response) {
        return response.status() == 404 ? "missing" : response.status() == 200 ? json(response).path("status").asText("unknown") : "unknown";
    }

    /** Seconds the answer asks to wait (retry_after, else Retry-After), or {@code otherwise}. */
    static long retryAfter(MiniHttp.Response response, long otherwise) {
        JsonNode body = json(response);
        if (body.has("retry_after")) {
            return body.get("retry_after").asLong(otherwise);
        }
        String header = response.header("retry-after");
        return header == null ? otherwise : Long.parseLong(header.trim());
    }

    /** The queue length a backend reports on /api/v1/health (-1 when it does not answer). */
    static int queueLength(MiniHttp http) {
        try {
            MiniHttp.Response r = http.get("/api/v1/health", Map.of(), 2000);
            return r.status() == 200 ? json(r).path("queue_length").asInt(-1) : -1;
        } catch (IOException e) {
            http.close();
            return -1;
        }
    }

    /**
     * Polls the jobs (each as the visitor who made it, like their pages do) until every one is
     * terminal or {@code timeoutMs} passes. Returns each job's last status ("missing" for a
     * 404: a lost job; "unknown" when no answer came).
     */
    static Map<String, String> awaitTerminal(int port, List<Accepted> jobs, long timeoutMs) throws InterruptedException {
        Map<String, String> status = new HashMap<>();
        List<Accepted> open = new ArrayList<>(jobs);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 2000)) {
            while (!open.isEmpty()) {
                List<Accepted> still = new ArrayList<>();
                for (Accepted job : open) {
                    String s;
                    try {
                        MiniHttp.Response r = http.get("/api/v1/jobs/" + job.id(), as(job.ip()), 10_000);
                        s = jobStatus(r);
                    } catch (IOException e) {
                        http.close();
                        s = "unknown";
                    }
                    status.put(job.id(), s);
                    if (!terminal(s) && !s.equals("missing")) {
                        still.add(job);
                    }
                }
                open = still;
                if (open.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(open.size() > 50 ? 1000 : 250);
            }
        }
        return status;
    }

    /** Counts of each status in {@code statuses}. */
    static Map<String, Integer> tally(Map<String, String> statuses) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        statuses.values().forEach(s -> n.merge(s, 1, Integer::sum));
        return n;
    }

    /** Runs {@code body} on a new platform thread with a small stack (a visitor). */
    static Thread thread(String name, Runnable body) {
        Thread t = new Thread(null, body, name, 256 * 1024);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void joinAll(List<Thread> threads, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }
}
