package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.FirebaseAuthEmulatorResource;

/**
 * Fair use held by two backend processes on one store, with real sign-ins through the Auth
 * emulator: whatever backend each request reaches, together they grant exactly what one would —
 * to one visitor, to the addresses of one IPv6 /64 and the /64s of one /48, to accounts with
 * unverified e-mails at one address, and to an account that erased itself and signed in again
 * (docs/FAIR_USE.md). Each test calls from its own addresses, so they share the backends only.
 */
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "two backends, one store")
class SharedRateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedStore store;
    private static FirebaseAuthEmulatorResource auth;
    private static AuthEmulator emulator;
    private static BackendProcess alpha;
    private static BackendProcess beta;
    private static final Map<String, String> ENV = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        store = EmbeddedStore.start("127.0.0.1", 0, null);
        auth = new FirebaseAuthEmulatorResource();
        auth.start().forEach((key, value) -> ENV.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        emulator = auth.emulator();
        ENV.putAll(Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                "AIART_AUTH_ALLOW_EMULATOR_IN_PROD", "true",
                "AIART_QUEUE_WORKERS", "0",
                "AIART_QUEUE_MAX", "1000",
                // the address is the last X-Forwarded-For hop; without the header, the peer (127.0.0.1)
                "AIART_TRUSTED_PROXIES", "1",
                // no refill while the test runs, and no blocking: every refusal is a plain 429
                "AIART_RATE_LIMIT_WINDOW", "1h",
                "AIART_RATE_LIMIT_ABUSE_THRESHOLD", "1000"));
        ENV.putAll(ai.aiart.support.PinnedLoad.ENV); // exact counts, on a busy machine too
        java.util.List<BackendProcess> both = BackendProcess.startTogether(new BackendProcess.Spec("alpha", ENV), new BackendProcess.Spec("beta", ENV));
        alpha = both.get(0);
        beta = both.get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] { beta, alpha, store }) {
            if (closing != null) {
                closing.close();
            }
        }
        if (auth != null) {
            auth.stop();
        }
    }

    @Test
    @ReliabilityCase(name = "100 simultaneous requests of one visitor over two backends",
            expected = "exactly grace + capacity (8) accepted, 92 refused 429", count = 100)
    void twoBackendsGrantExactlyGracePlusCapacity() throws Exception {
        List<HttpResponse<String>> answers = simultaneously(100, i -> create(i, null, null));
        assertEquals(5 + 3, accepted(answers), () -> "grace (5) + anonymous capacity (3), whichever backend answered: " + summary(answers));
        for (HttpResponse<String> response : refused(answers, 92)) {
            JsonNode problem = JSON.readTree(response.body());
            assertEquals("rate_limited", problem.get("error_type").asText());
            assertTrue(problem.get("retry_after").asLong() >= 1);
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(problem.get("retry_after").asText(), response.headers().firstValue("Retry-After").orElse(""));
            assertEquals("\"anonymous\";q=3;w=3600", response.headers().firstValue("RateLimit-Policy").orElse(""));
            assertTrue(response.headers().firstValue("RateLimit").orElse("").startsWith("\"anonymous\";r=0;t="));
        }
    }

    @Test
    @ReliabilityCase(name = "60 addresses of one IPv6 /64 at once, over two backends",
            expected = "one visitor: exactly grace + capacity (8) accepted, 52 refused 429", count = 60)
    void theAddressesOfOneSlash64AreOneVisitor() throws Exception {
        List<HttpResponse<String>> answers = simultaneously(60, i -> create(i, "2001:db8:64:1::" + Integer.toHexString(i + 1), null));
        assertEquals(5 + 3, accepted(answers), () -> summary(answers));
        refused(answers, 52).forEach(response -> assertEquals("rate_limited", errorType(response)));
    }

    @Test
    @ReliabilityCase(name = "30 /64s of one IPv6 /48 at once, one request each, over two backends",
            expected = "the /48's allowance (20) accepted, 10 refused 429", count = 30)
    void theSlash64sOfOneSlash48ShareItsAllowance() throws Exception {
        List<HttpResponse<String>> answers = simultaneously(30, i -> create(i, "2001:db8:48:" + Integer.toHexString(i + 1) + "::1", null));
        assertEquals(20, accepted(answers), "aiart.rate-limit.per-ipv6-range (20), though each /64 alone could make 8");
        refused(answers, 10).forEach(response -> assertEquals("rate_limited", errorType(response)));
    }

    @Test
    @ReliabilityCase(name = "4 accounts with unverified e-mails at one address, 5 requests each at once, over two backends",
            expected = "the address's visitor allowance (3) accepted in all, 17 refused 429", count = 20)
    void unverifiedAccountsShareTheirAddressAllowance() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(emulator.signUp().idToken());
        }
        List<HttpResponse<String>> answers = simultaneously(20, i -> create(i, "198.51.100.7", tokens.get(i % 4)));
        assertEquals(3, accepted(answers), "one visitor's capacity at the address, without grace, however many accounts");
        refused(answers, 17).forEach(response -> assertEquals("rate_limited", errorType(response)));
    }

    @Test
    @ReliabilityCase(name = "an account spends its allowance on two backends, erases itself and signs in again on a third",
            expected = "grace + capacity (10) accepted once; after the erasure 429, on a backend that never saw it too", count = 14)
    void erasingAnAccountDoesNotResetItsAllowance() throws Exception {
        AuthEmulator.Account account = emulator.verifyEmail(emulator.signUp());
        String address = "203.0.113.30";
        List<HttpResponse<String>> answers = simultaneously(12, i -> create(alpha, beta, i, address, account.idToken()));
        assertEquals(5 + 5, accepted(answers), "grace (5) + a member's capacity (5)");
        refused(answers, 2);

        HttpResponse<String> erased = HTTP.send(request(beta.url() + "/api/v1/user/me", address, account.idToken()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, erased.statusCode(), erased.body());
        assertTrue(JSON.readTree(erased.body()).at("/erased/fair_use_kept").asBoolean(), erased.body());

        // alpha and beta remember the spent bucket in memory; a third backend knows only what the store keeps
        try (BackendProcess gamma = BackendProcess.start("gamma", ENV)) {
            HttpResponse<String> me = HTTP.send(request(gamma.url() + "/api/v1/user/me", address, account.idToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(0, JSON.readTree(me.body()).at("/usage_stats/jobs").asInt(), "a new record: " + me.body());
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> again = create(gamma, alpha, 0, address, account.idToken()).get();
                assertEquals(429, again.statusCode(), again.body());
                assertEquals("rate_limited", errorType(again));
            }
        }
    }

    /** Sends {@code count} requests at once, alternating between the backends, and waits for every answer. */
    private static List<HttpResponse<String>> simultaneously(int count, IntFunction<CompletableFuture<HttpResponse<String>>> send)
            throws Exception {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(send.apply(i));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pending) {
            answers.add(answer.get());
        }
        return answers;
    }

    /** Request {@code i} for a picture: to alpha when even, beta when odd; from {@code address} when given, signed in with {@code token}. */
    private static CompletableFuture<HttpResponse<String>> create(int i, String address, String token) {
        return create(alpha, beta, i, address, token);
    }

    private static CompletableFuture<HttpResponse<String>> create(BackendProcess even, BackendProcess odd, int i, String address,
            String token) {
        String base = i % 2 == 0 ? even.url() : odd.url();
        return HTTP.sendAsync(request(base + "/api/v1/generate/text-to-image", address, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"request " + i + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url, String address, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** The answers by status, and the bodies of those neither accepted nor refused 429: what a failed count needs. */
    private static String summary(List<HttpResponse<String>> answers) {
        java.util.Map<Integer, Long> byStatus = new java.util.TreeMap<>(answers.stream()
                .collect(java.util.stream.Collectors.groupingBy(HttpResponse::statusCode, java.util.stream.Collectors.counting())));
        List<String> odd = answers.stream().filter(a -> a.statusCode() != 202 && a.statusCode() != 429)
                .map(a -> a.statusCode() + " " + a.body()).limit(5).toList();
        List<String> refusals = answers.stream().filter(a -> a.statusCode() == 429).map(HttpResponse::body).distinct().limit(3).toList();
        return "answers by status " + byStatus + "; other answers " + odd + "; distinct 429 bodies " + refusals;
    }

    private static int accepted(List<HttpResponse<String>> answers) {
        return (int) answers.stream().filter(response -> response.statusCode() == 202).count();
    }

    /** The answers that were not 202, each checked to be a 429; there must be {@code expected} of them. */
    private static List<HttpResponse<String>> refused(List<HttpResponse<String>> answers, int expected) {
        List<HttpResponse<String>> refused = answers.stream().filter(response -> response.statusCode() != 202).toList();
        refused.forEach(response -> assertEquals(429, response.statusCode(), response.body()));
        assertEquals(expected, refused.size());
        return refused;
    }

    private static String errorType(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).get("error_type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
