package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The site's ApiClient rules (frontend/src/api-client.js; docs/FAILOVER.md), in Java: the current
 * backend first, the other one on a connection error, a per-attempt timeout (4 s for reads, 8 s
 * for POST) or a 502/503/504; a request with no answer by the hedge delay ({@link HedgePolicy})
 * is sent to the other backend as well, the first answer wins and the loser's connection is
 * dropped; a backend that failed, timed out or lost a hedge is skipped for the cooldown (30 s);
 * a POST carries one Idempotency-Key on every attempt, and a 429 while the other attempt is in
 * flight waits for that attempt. Keep-alive connections, as a page has.
 */
final class FailoverClient implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 4000;
    static final int ATTEMPT_TIMEOUT_MS = 8000;
    static final long COOLDOWN_MS = 30_000;
    private static final Set<Integer> FAILOVER = Set.of(502, 503, 504);

    /** An answer and who gave it. */
    record Served(MiniHttp.Response response, String backend) {
    }

    /** Requests asked of the client, and attempts it sent for them (hedges included): for the overhead figure. */
    record Sent(long requests, long attempts, long hedges) {
        Sent minus(Sent before) {
            return new Sent(requests - before.requests, attempts - before.attempts, hedges - before.hedges);
        }

        /** Attempts beyond one per request that hedging added, as a share of the requests. */
        double hedgeShare() {
            return requests == 0 ? 0 : (double) hedges / requests;
        }
    }

    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong ATTEMPTS = new AtomicLong();
    private static final AtomicLong HEDGES = new AtomicLong();

    /** What every client of this process has sent so far. */
    static Sent sent() {
        return new Sent(REQUESTS.get(), ATTEMPTS.get(), HEDGES.get());
    }

    private final List<String> names = List.of("primary", "fallback");
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, MiniHttp> connections = new HashMap<>();
    private final Map<String, Long> downUntil = new HashMap<>();
    private final HedgePolicy hedging = new HedgePolicy();
    private final String ip;
    /** When this client stopped waiting for the primary alone: it hedged away from it or marked it down (nanoTime, 0: never). */
    volatile long gaveUpOnPrimaryAt;

    FailoverClient(int primaryPort, int fallbackPort, String ip) {
        this.ip = ip;
        ports.put("primary", primaryPort);
        ports.put("fallback", fallbackPort);
        names.forEach(this::connect);
    }

    private synchronized MiniHttp connect(String name) {
        MiniHttp http = new MiniHttp("127.0.0.1", ports.get(name), 2000);
        connections.put(name, http);
        return http;
    }

    Served get(String path) throws IOException {
        return send("GET", path, null);
    }

    Served post(String path, String json) throws IOException {
        return send("POST", path, json);
    }

    /** One attempt's end: an answer or an I/O error, and when it came. */
    private record Attempt(int index, MiniHttp.Response response, IOException error, double ms) {
    }

    private Served send(String method, String path, String json) throws IOException {
        Map<String, String> headers = new HashMap<>(Api.as(ip));
        if (json != null) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
            headers.put("Content-Type", "application/json");
        }
        HedgePolicy.Kind kind = json == null ? HedgePolicy.Kind.READ : HedgePolicy.Kind.CREATE;
        int timeout = json == null ? READ_TIMEOUT_MS : ATTEMPT_TIMEOUT_MS;
        byte[] body = json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        REQUESTS.incrementAndGet();
        hedging.earn();

        List<String> tried = order();
        BlockingQueue<Attempt> ended = new LinkedBlockingQueue<>();
        List<MiniHttp> running = new ArrayList<>(); // by index in tried; null once ended
        long start = System.nanoTime();
        Runnable launch = () -> {
            int i = running.size();
            String name = tried.get(i);
            MiniHttp http = connections.get(name);
            running.add(http);
            ATTEMPTS.incrementAndGet();
            long sentAt = System.nanoTime();
            Thread attempt = new Thread(() -> {
                try {
                    MiniHttp.Response r = http.send(method, path, headers, body, timeout);
                    ended.add(new Attempt(i, r, null, (System.nanoTime() - sentAt) / 1e6));
                } catch (IOException e) {
                    ended.add(new Attempt(i, null, e, (System.nanoTime() - sentAt) / 1e6));
                }
            }, "failover-attempt-" + name);
            attempt.setDaemon(true);
            attempt.start();
        };
        launch.run();
        long hedgeAt = start + TimeUnit.MILLISECONDS.toNanos(hedging.delayMs(kind));
        boolean mayHedge = tried.size() > 1 && hedging.delayMs(kind) < timeout;
        IOException lastError = null;
        Served lastAnswer = null;
        Served refusal = null; // a 429 while the other attempt was still in flight
        try {
            while (running.stream().anyMatch(h -> h != null)) {
                long waitNs = mayHedge ? Math.max(0, hedgeAt - System.nanoTime()) : TimeUnit.MILLISECONDS.toNanos(timeout + 5000L);
                Attempt a = ended.poll(waitNs, TimeUnit.NANOSECONDS);
                if (a == null) {
                    if (mayHedge) {
                        mayHedge = false;
                        if (hedging.spend()) {
                            HEDGES.incrementAndGet();
                            if (tried.get(0).equals("primary") && gaveUpOnPrimaryAt == 0) {
                                gaveUpOnPrimaryAt = System.nanoTime();
                            }
                            launch.run();
                        }
                    }
                    continue;
                }
                running.set(a.index(), null);
                String name = tried.get(a.index());
                if (a.response() != null) {
                    hedging.record(kind, a.ms());
                    Served served = new Served(a.response(), name);
                    if (!FAILOVER.contains(a.response().status())) {
                        if (a.response().status() == 429 && running.stream().anyMatch(h -> h != null)) {
                            refusal = refusal == null ? served : refusal;
                            continue;
                        }
                        for (int j = 0; j < a.index(); j++) {
                            if (running.get(j) != null) {
                                markDown(tried.get(j)); // lost the hedge: slow, behind the other for the cooldown
                            }
                        }
                        return served;
                    }
                    lastAnswer = served;
                } else {
                    lastError = a.error();
                }
                markDown(name);
                if (running.stream().noneMatch(h -> h != null) && running.size() < tried.size()) {
                    mayHedge = false;
                    launch.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            // the losers: their connections are dropped (the attempt ends with an I/O error), a new one replaces each
            for (int j = 0; j < running.size(); j++) {
                if (running.get(j) != null) {
                    running.get(j).cancel();
                    connect(tried.get(j));
                }
            }
        }
        if (refusal != null) {
            return refusal;
        }
        if (lastAnswer != null) {
            return lastAnswer;
        }
        throw lastError;
    }

    /** The primary first unless it is in its cooldown (the real client then probes its health; here it simply waits it out). */
    private synchronized List<String> order() {
        Long primaryDown = downUntil.get("primary");
        return primaryDown != null && System.currentTimeMillis() < primaryDown ? List.of("fallback", "primary") : names;
    }

    private synchronized void markDown(String name) {
        downUntil.put(name, System.currentTimeMillis() + COOLDOWN_MS);
        if (name.equals("primary") && gaveUpOnPrimaryAt == 0) {
            gaveUpOnPrimaryAt = System.nanoTime();
        }
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(MiniHttp::close);
    }
}
