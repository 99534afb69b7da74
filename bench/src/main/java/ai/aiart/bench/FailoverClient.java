package ai.aiart.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The site's ApiClient rules (frontend/src/api-client.js, frontend/README.md), in Java: the current
 * backend first, the other one on a connection error, a per-attempt timeout (4 s for reads,
 * 8 s for POST) or a 502/503/504; a backend that failed is skipped for the cooldown (30 s);
 * a POST carries one Idempotency-Key on every attempt. Keep-alive connections, as a page has.
 */
final class FailoverClient implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 4000;
    static final int ATTEMPT_TIMEOUT_MS = 8000;
    static final long COOLDOWN_MS = 30_000;
    private static final Set<Integer> FAILOVER = Set.of(502, 503, 504);

    /** An answer and who gave it. */
    record Served(MiniHttp.Response response, String backend) {
    }

    private final List<String> names = List.of("primary", "fallback");
    private final Map<String, MiniHttp> connections = new HashMap<>();
    private final Map<String, Long> downUntil = new HashMap<>();
    private final String ip;
    volatile long gaveUpOnPrimaryAt;

    FailoverClient(int primaryPort, int fallbackPort, String ip) {
        this.ip = ip;
        connections.put("primary", new MiniHttp("127.0.0.1", primaryPort, 2000));
        connections.put("fallback", new MiniHttp("127.0.0.1", fallbackPort, 2000));
    }

    Served get(String path) throws IOException {
        return send("GET", path, null);
    }

    Served post(String path, String json) throws IOException {
        return send("POST", path, json);
    }

    private Served send(String method, String path, String json) throws IOException {
        Map<String, String> headers = new HashMap<>(Api.as(ip));
        if (json != null) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
            headers.put("Content-Type", "application/json");
        }
        int timeout = method.equals("GET") ? READ_TIMEOUT_MS : ATTEMPT_TIMEOUT_MS;
        byte[] body = json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        IOException lastError = null;
        Served lastAnswer = null;
        for (String name : order()) {
            try {
                MiniHttp.Response r = connections.get(name).send(method, path, headers, body, timeout);
                if (!FAILOVER.contains(r.status())) {
                    return new Served(r, name);
                }
                lastAnswer = new Served(r, name);
            } catch (IOException e) {
                lastError = e;
            }
            markDown(name);
        }
        if (lastAnswer != null) {
            return lastAnswer;
        }
        throw lastError;
    }

    /** The primary first unless it is in its cooldown (the real client then probes its health; here it simply waits it out). */
    private List<String> order() {
        Long primaryDown = downUntil.get("primary");
        return primaryDown != null && System.currentTimeMillis() < primaryDown ? List.of("fallback", "primary") : names;
    }

    private void markDown(String name) {
        downUntil.put(name, System.currentTimeMillis() + COOLDOWN_MS);
        if (name.equals("primary") && gaveUpOnPrimaryAt == 0) {
            gaveUpOnPrimaryAt = System.nanoTime();
        }
    }

    @Override
    public void close() {
        connections.values().forEach(MiniHttp::close);
    }
}
