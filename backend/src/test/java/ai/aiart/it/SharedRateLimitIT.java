package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;

/**
 * 100 simultaneous generation requests from one visitor, spread over two backend processes
 * on one store: together they grant exactly what one would (grace + capacity).
 */
@ExtendWith(ReliabilityWatcher.class)
class SharedRateLimitIT {

    @Test
    @ReliabilityCase(suite = "faults", group = "two backends, one store", name = "100 simultaneous requests of one visitor over two backends",
            expected = "exactly grace + capacity (8) accepted, 92 refused 429", count = 100)
    void twoBackendsGrantExactlyGracePlusCapacity() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null)) {
            Map<String, String> env = Map.of(
                    "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                    "AIART_QUEUE_WORKERS", "0",
                    "AIART_QUEUE_MAX", "1000",
                    // no refill while the test runs, and no blocking: every refusal is a plain 429
                    "AIART_RATE_LIMIT_WINDOW", "1h",
                    "AIART_RATE_LIMIT_ABUSE_THRESHOLD", "1000");
            try (BackendProcess a = BackendProcess.start("alpha", env);
                 BackendProcess b = BackendProcess.start("beta", env)) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String base = i % 2 == 0 ? a.url() : b.url();
                    answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/generate/text-to-image"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"request " + i + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                int accepted = 0;
                int refused = 0;
                ObjectMapper json = new ObjectMapper();
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    if (response.statusCode() == 202) {
                        accepted++;
                        continue;
                    }
                    assertEquals(429, response.statusCode(), response.body());
                    refused++;
                    JsonNode problem = json.readTree(response.body());
                    assertEquals("rate_limited", problem.get("error_type").asText());
                    assertTrue(problem.get("retry_after").asLong() >= 1);
                    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                    assertEquals(problem.get("retry_after").asText(), response.headers().firstValue("Retry-After").orElse(""));
                    assertEquals("\"anonymous\";q=3;w=3600", response.headers().firstValue("RateLimit-Policy").orElse(""));
                    assertTrue(response.headers().firstValue("RateLimit").orElse("").startsWith("\"anonymous\";r=0;t="));
                }
                assertEquals(5 + 3, accepted, "grace (5) + anonymous capacity (3), whichever backend answered");
                assertEquals(92, refused);
            }
        }
    }
}
