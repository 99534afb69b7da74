package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** How the scenarios read the backends' answers: job ids and statuses, the time to wait, the queue length. */
class ApiTest {

    static MiniHttp.Response answer(int status, Map<String, String> headers, String body) {
        return new MiniHttp.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theTimeToWaitIsTheBodysRetryAfterElseTheHeaderElseTheDefault() {
        assertEquals(20, Api.retryAfter(answer(429, Map.of("retry-after", "45"), "{\"error\":\"rate_limited\",\"retry_after\":20}"), -1));
        assertEquals(45, Api.retryAfter(answer(503, Map.of("retry-after", " 45 "), "{\"error\":\"busy\"}"), -1));
        // a proxy's HTML page is no JSON: the header still counts
        assertEquals(7, Api.retryAfter(answer(503, Map.of("retry-after", "7"), "<html>busy</html>"), -1));
        assertEquals(-1, Api.retryAfter(answer(429, Map.of(), "{\"error\":\"rate_limited\"}"), -1));
        assertEquals(10, Api.retryAfter(answer(503, Map.of(), ""), 10));
    }

    @Test
    void aJobsIdAndStatusAreReadFromItsAnswer() {
        assertEquals("j-42", Api.jobId(answer(202, Map.of(), "{\"id\":\"j-42\",\"status\":\"queued\"}")));
        assertEquals("", Api.jobId(answer(202, Map.of(), "not json")));
        assertEquals("running", Api.jobStatus(answer(200, Map.of(), "{\"id\":\"j\",\"status\":\"running\",\"progress\":40}")));
        assertEquals("unknown", Api.jobStatus(answer(200, Map.of(), "{\"id\":\"j\"}")));
        assertEquals("missing", Api.jobStatus(answer(404, Map.of(), "{\"status\":\"succeeded\"}")));
        assertEquals("unknown", Api.jobStatus(answer(500, Map.of(), "{\"status\":\"succeeded\"}")));
        assertTrue(Api.terminal("canceled"));
        assertTrue(Api.terminal("expired"), "succeeded, its result removed since by the results budget");
        assertFalse(Api.terminal("running"));
        assertFalse(Api.terminal(null));
    }

    @Test
    void statusesAreTallied() {
        assertEquals(Map.of("succeeded", 2, "failed", 1, "missing", 1),
                Api.tally(Map.of("a", "succeeded", "b", "failed", "c", "succeeded", "d", "missing")));
    }

    /** A backend's job endpoint: each job answers its scripted answers in turn (the last one again), to its own visitor only. */
    private int jobs(Map<String, String> owners, Map<String, List<String>> answers, Map<String, AtomicInteger> hits) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/v1/jobs/", (HttpExchange exchange) -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/jobs/".length());
            int n = hits.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
            List<String> script = answers.get(id);
            boolean owner = owners.getOrDefault(id, "").equals(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
            String next = script == null || !owner ? "404" : script.get(Math.min(n, script.size() - 1));
            int status = next.matches("\\d+") ? Integer.parseInt(next) : 200;
            byte[] body = (status == 200 ? "{\"id\":\"" + id + "\",\"status\":\"" + next + "\"}" : "{\"error\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/api/v1/health", exchange -> {
            byte[] body = "{\"status\":\"ok\",\"queue_length\":3}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    void jobsAreFollowedAsTheirVisitorsUntilTerminalAndA404IsALostJob() throws Exception {
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        int port = jobs(Map.of("a", "10.9.0.1", "b", "10.9.0.2", "c", "10.9.0.3"),
                Map.of("a", List.of("running", "succeeded"), "b", List.of("404"), "c", List.of("failed")), hits);
        Map<String, String> last = Api.awaitTerminal(port,
                List.of(new Api.Accepted("a", "10.9.0.1"), new Api.Accepted("b", "10.9.0.2"), new Api.Accepted("c", "10.9.0.3")), 60_000);
        assertEquals(Map.of("a", "succeeded", "b", "missing", "c", "failed"), last);
        // a terminal or lost job is not asked again
        assertEquals(2, hits.get("a").get());
        assertEquals(1, hits.get("b").get());
        assertEquals(1, hits.get("c").get());
    }

    @Test
    void afterTheTimeoutEachJobKeepsItsLastStatusAndAnErrorIsUnknown() throws Exception {
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        int port = jobs(Map.of("q", "10.9.0.4", "e", "10.9.0.5", "w", "10.9.0.6"),
                Map.of("q", List.of("queued"), "e", List.of("500"), "w", List.of("running")), hits);
        // "w" is asked by someone else: the backend hides another visitor's job (404), so it counts as lost
        Map<String, String> last = Api.awaitTerminal(port,
                List.of(new Api.Accepted("q", "10.9.0.4"), new Api.Accepted("e", "10.9.0.5"), new Api.Accepted("w", "10.9.0.99")), 0);
        assertEquals(Map.of("q", "queued", "e", "unknown", "w", "missing"), last);
        assertEquals(Map.of("missing", 1, "queued", 1, "unknown", 1), Api.tally(last));
    }

    @Test
    void theQueueLengthIsReadFromHealthAndIsMinusOneWithoutAnAnswer() throws Exception {
        int port = jobs(Map.of(), Map.of(), new ConcurrentHashMap<>());
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 2000)) {
            assertEquals(3, Api.queueLength(http));
        }
        server.stop(0);
        server = null;
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 2000)) {
            assertEquals(-1, Api.queueLength(http));
        }
    }
}
