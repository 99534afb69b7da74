package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The bench's copy of the site's failover and hedging rules, against loopback servers: a hung
 * backend (a listening socket that never answers, as a process under {@code kill -STOP}), slow and
 * refusing ones. Bounds are generous upwards (a loaded machine only makes a request slower) and
 * the hedge delays are the site's own (reads 500–800 ms, creations 1–1.2 s).
 */
class FailoverClientTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A backend whose kernel accepts connections and that never answers (never accepts, backlog 50). */
    private int hung() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(socket);
        return socket.getLocalPort();
    }

    private record Backend(int port, AtomicInteger hits) {
    }

    private Backend server(int delayMs, int status, String body) throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        HttpHandler handler = (HttpExchange exchange) -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
        server.createContext("/", handler);
        server.start();
        open.add(() -> server.stop(0));
        return new Backend(server.getAddress().getPort(), hits);
    }

    private FailoverClient client(int primary, int fallback) {
        FailoverClient c = new FailoverClient(primary, fallback, "10.9.9.9");
        open.add(c);
        return c;
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    @Test
    void aReadToAHungPrimaryIsHedgedToTheFallbackAfterTheCeilingAndThePrimaryWaitsBehindIt() throws Exception {
        Backend fallback = server(0, 200, "{\"id\":\"j\"}");
        FailoverClient c = client(hung(), fallback.port());
        FailoverClient.Sent before = FailoverClient.sent();
        long t0 = System.nanoTime();

        FailoverClient.Served s = c.get("/api/v1/jobs/j");

        double took = seconds(t0);
        assertEquals("fallback", s.backend());
        assertEquals(200, s.response().status());
        assertTrue(took >= 0.79 && took < 3.5, "hedged after the read ceiling (0.8 s), not after the 4 s timeout: " + took);
        assertNotEquals(0, c.gaveUpOnPrimaryAt);
        FailoverClient.Sent sent = FailoverClient.sent().minus(before);
        assertEquals(new FailoverClient.Sent(1, 2, 1), sent);

        long t1 = System.nanoTime();
        assertEquals("fallback", c.get("/api/v1/jobs/j").backend(), "the primary lost the hedge: behind the fallback for the cooldown");
        assertTrue(seconds(t1) < 0.7, "straight to the fallback");
        assertEquals(2, fallback.hits().get());
    }

    @Test
    void aCreationToAHungPrimaryIsHedgedAfterTheCreationCeiling() throws Exception {
        Backend fallback = server(0, 202, "{\"id\":\"j\"}");
        FailoverClient c = client(hung(), fallback.port());
        long t0 = System.nanoTime();
        FailoverClient.Served s = c.post("/api/v1/generate/text-to-image", "{\"prompt\":\"x\"}");
        double took = seconds(t0);
        assertEquals("fallback", s.backend());
        assertTrue(took >= 1.19 && took < 4, "hedged after 1.2 s, not after the 8 s timeout: " + took);
    }

    @Test
    void aHealthyPairIsNeverHedged() throws Exception {
        Backend primary = server(0, 200, "{\"id\":\"j\"}");
        Backend fallback = server(0, 200, "{\"id\":\"j\"}");
        FailoverClient c = client(primary.port(), fallback.port());
        FailoverClient.Sent before = FailoverClient.sent();
        for (int i = 0; i < 50; i++) {
            assertEquals("primary", c.get("/api/v1/jobs/j").backend());
        }
        assertEquals(new FailoverClient.Sent(50, 50, 0), FailoverClient.sent().minus(before));
        assertEquals(0, fallback.hits().get());
    }

    @Test
    void aHedgeRefused429WaitsForTheSlowPrimaryWhichHoldsTheJob() throws Exception {
        Backend primary = server(1600, 202, "{\"id\":\"made-by-primary\"}");
        Backend fallback = server(0, 429, "{\"error_type\":\"rate_limited\"}");
        FailoverClient c = client(primary.port(), fallback.port());
        FailoverClient.Served s = c.post("/api/v1/generate/text-to-image", "{\"prompt\":\"x\"}");
        assertEquals("primary", s.backend());
        assertEquals(202, s.response().status());
        assertEquals(1, fallback.hits().get(), "the hedge was sent and refused");
    }

    @Test
    void aRefusedPrimaryFailsOverAtOnce() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Backend fallback = server(0, 200, "{}");
        FailoverClient c = client(closed, fallback.port());
        long t0 = System.nanoTime();
        assertEquals("fallback", c.get("/api/v1/jobs/j").backend());
        assertTrue(seconds(t0) < 0.45, "no hedge delay for a refused connection");
    }

    @Test
    void theHedgeDelayIsTheP95OfRecentAnswersClampedAndTheBudgetAllowsFourPercentAndABurstOfThree() {
        HedgePolicy policy = new HedgePolicy();
        assertEquals(800, policy.delayMs(HedgePolicy.Kind.READ), "the ceiling before a first answer");
        assertEquals(1200, policy.delayMs(HedgePolicy.Kind.CREATE));
        for (int i = 0; i < 100; i++) {
            policy.record(HedgePolicy.Kind.READ, 20);
        }
        assertEquals(500, policy.delayMs(HedgePolicy.Kind.READ), "the floor for a fast pair");
        for (int i = 0; i < 100; i++) {
            policy.record(HedgePolicy.Kind.READ, i < 94 ? 100 : 650);
        }
        assertEquals(650, policy.delayMs(HedgePolicy.Kind.READ), "the p95 in between: the 95th of 100, nearest rank");
        assertEquals(100, HedgePolicy.p95(repeat(100, 95, 650, 5)), "5 slow answers of 100 are above the p95");
        assertEquals(650, HedgePolicy.p95(repeat(100, 94, 650, 6)));

        int hedges = 0;
        for (int i = 0; i < 1000; i++) {
            policy.earn();
            if (policy.spend()) {
                hedges++;
            }
        }
        assertTrue(hedges >= 42 && hedges <= 3 + 40, "the burst, then 0.04 a request (sums of 0.04 in floating point): " + hedges);
        HedgePolicy fresh = new HedgePolicy();
        for (int i = 0; i < 3; i++) {
            assertTrue(fresh.spend());
        }
        assertFalse(fresh.spend(), "three saved hedges, no more");
    }

    private static double[] repeat(double a, int n, double b, int m) {
        double[] out = new double[n + m];
        java.util.Arrays.fill(out, 0, n, a);
        java.util.Arrays.fill(out, n, n + m, b);
        return out;
    }
}
