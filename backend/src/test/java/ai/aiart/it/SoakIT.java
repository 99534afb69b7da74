package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import ai.aiart.reliability.ReliabilityLog;
import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.TestImages;

/**
 * The long part of the reliability suites ({@code make soak}; skipped unless
 * {@code AIART_SOAK_SECONDS} is set): randomly mutated requests against a backend for 40 % of the
 * time, then repeated SIGKILLs of one of two backends while jobs keep coming for the rest. It ends
 * by itself after {@code AIART_SOAK_SECONDS}; {@code AIART_SOAK_SEED} repeats a run.
 */
@EnabledIfEnvironmentVariable(named = "AIART_SOAK_SECONDS", matches = "\\d+")
class SoakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long SECONDS = Long.parseLong(System.getenv().getOrDefault("AIART_SOAK_SECONDS", "0"));
    private static final long SEED = Long.parseLong(System.getenv().getOrDefault("AIART_SOAK_SEED", String.valueOf(System.nanoTime() % 100000)));

    @Test
    void fuzzedRequestsAreRefusedInTheErrorFormatAndChangeNothing() throws Exception {
        Random random = new Random(SEED);
        long until = System.nanoTime() + Duration.ofSeconds(Math.max(10, SECONDS * 4 / 10)).toNanos();
        Map<String, int[]> counts = new TreeMap<>(); // category -> {requests, failures}
        List<String> failures = new ArrayList<>();
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient mongo = MongoClients.create(store.connectionString());
             BackendProcess backend = BackendProcess.start("fuzz", Map.of(
                     "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                     "AIART_QUEUE_WORKERS", "0", "AIART_QUEUE_MAX", "1000000",
                     "AIART_RATE_LIMIT_ANONYMOUS", "1000000", "AIART_RATE_LIMIT_ABUSE_THRESHOLD", "1000000",
                     "AIART_RATE_LIMIT_POLLING_PER_MINUTE", "1000000"))) {
            MongoDatabase db = mongo.getDatabase("aiart");
            byte[] png = TestImages.picture(96, 64, "png");
            while (System.nanoTime() < until) {
                int pick = random.nextInt(3);
                String category;
                HttpRequest request;
                if (pick == 0) {
                    category = "mutated JSON generation bodies";
                    request = HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/generate/text-to-image"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(mutatedJson(random))).build();
                } else if (pick == 1) {
                    category = "mutated picture uploads";
                    byte[] form = form(mutatedImage(random, png));
                    request = HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/generate/image-to-image"))
                            .header("Content-Type", "multipart/form-data; boundary=b").POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
                } else {
                    category = "random job ids and paths";
                    request = HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/jobs/" + randomId(random)
                            + (random.nextBoolean() ? "" : random.nextBoolean() ? "/result" : "/events"))).GET().build();
                }
                long jobs = db.getCollection("jobs").countDocuments();
                long uploads = db.getCollection("uploads.files").countDocuments();
                int[] c = counts.computeIfAbsent(category, k -> new int[2]);
                c[0]++;
                String problem = check(request, db, jobs, uploads);
                if (problem != null) {
                    c[1]++;
                    if (failures.size() < 20) {
                        failures.add(category + ": " + problem);
                    }
                }
            }
        }
        counts.forEach((category, c) -> ReliabilityLog.record("soak", "fuzzed bad input (seed " + SEED + ")", category,
                "2xx, or 4xx in the problem format changing nothing; never 5xx", c[0],
                c[1] == 0 ? null : new AssertionError(c[1] + " of " + c[0] + " failed")));
        assertEquals(List.of(), failures, "seed " + SEED);
    }

    @Test
    void jobsSurviveRepeatedKillsOfEitherBackend() throws Exception {
        Random random = new Random(SEED);
        // the rest of the time, less what starting the backends and finishing the last jobs take
        long until = System.nanoTime() + Duration.ofSeconds(Math.max(20, SECONDS * 6 / 10 - 20)).toNanos();
        List<String> ids = new ArrayList<>();
        int kills = 0;
        Throwable failure = null;
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient mongo = MongoClients.create(store.connectionString())) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                    "AIART_QUEUE_WORKERS", "1", "AIART_QUEUE_LEASE", "2s", "AIART_QUEUE_RENEW_EVERY", "500ms",
                    "AIART_QUEUE_REAP_EVERY", "500ms", "AIART_QUEUE_POLL_EVERY", "200ms", "AIART_LOCAL_DELAY", "1s",
                    "AIART_RATE_LIMIT_ANONYMOUS", "1000000", "AIART_RATE_LIMIT_POLLING_PER_MINUTE", "1000000"));
            // the attempts limit is for broken jobs; here every attempt is cut short on purpose
            env.put("AIART_QUEUE_MAX_ATTEMPTS", "1000");
            BackendProcess[] backends = BackendProcess.startTogether(new BackendProcess.Spec("soak-a", env), new BackendProcess.Spec("soak-b", env))
                    .toArray(BackendProcess[]::new);
            try {
                do {
                    for (int i = 0; i < 3; i++) {
                        BackendProcess to = backends[random.nextInt(2)];
                        ids.add(submit(to.url(), "kill cycle " + kills + " job " + i));
                    }
                    Thread.sleep(500 + random.nextInt(1500));
                    int victim = random.nextInt(2);
                    backends[victim].kill();
                    kills++;
                    backends[victim] = BackendProcess.start("soak-" + (victim == 0 ? "a" : "b"), env);
                } while (System.nanoTime() < until);
                for (String id : ids) {
                    RestartIT.awaitSucceeded(backends[0].url(), id);
                }
                for (String id : ids) {
                    long made = mongo.getDatabase("aiart").getCollection("results.files")
                            .countDocuments(Filters.regex("filename", "^" + Pattern.quote(id) + "\\."));
                    assertEquals(1, made, "job " + id + " keeps exactly one result file");
                }
            } catch (Exception | AssertionError e) {
                failure = e;
                throw e;
            } finally {
                for (BackendProcess backend : backends) {
                    backend.close();
                }
                ReliabilityLog.record("soak", "backends killed again and again", kills + " SIGKILLs of a random backend, each restarted",
                        "every accepted job finished, each with one result file", ids.size(), failure);
            }
        }
        assertTrue(kills > 0);
    }

    /** Answers 2xx, or 4xx in the problem format with the store unchanged; returns what was wrong, or null. */
    private static String check(HttpRequest request, MongoDatabase db, long jobs, long uploads) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return request.uri() + " failed: " + e;
        }
        int status = response.statusCode();
        if (status >= 500) {
            return request.uri() + " answered " + status + ": " + response.body();
        }
        if (status < 300) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    || problem.get("error_type") == null || problem.get("status").asInt() != status) {
                return request.uri() + " answered " + status + " outside the problem format: " + response.body();
            }
        } catch (Exception e) {
            return request.uri() + " answered " + status + " with a body that is not JSON: " + response.body();
        }
        if (db.getCollection("jobs").countDocuments() != jobs || db.getCollection("uploads.files").countDocuments() != uploads) {
            return request.uri() + " was refused (" + status + ") but changed the store";
        }
        return null;
    }

    private static byte[] mutatedJson(Random random) {
        String[] prompts = {"a red fox in snow", "\\u0000", "\\ud83d", "\\ud83d\\ude00", "\\u202e", "a\\u0301\\u0301\\u0301",
                "\u00e9t\u00e9 \u2603 \ud83c\udfa8", "x".repeat(random.nextInt(3000)), ""};
        String[] values = {"1", "-1", "1.5", "1e400", "null", "true", "[]", "{}", "\"16:9\"", "\"7:5\"", "\"anime\"", "\"" + "9".repeat(30) + "\""};
        String[] keys = {"prompt", "seed", "aspect_ratio", "style", "negative_prompt", "duration_seconds", "__proto__", "$where"};
        StringBuilder body = new StringBuilder("{\"prompt\":\"").append(prompts[random.nextInt(prompts.length)]).append('"');
        for (int i = random.nextInt(4); i > 0; i--) {
            body.append(",\"").append(keys[random.nextInt(keys.length)]).append("\":").append(values[random.nextInt(values.length)]);
        }
        body.append('}');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(4)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 1 -> {
                for (int i = random.nextInt(4); i >= 0 && bytes.length > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
            }
        }
        return bytes;
    }

    private static byte[] mutatedImage(Random random, byte[] png) {
        byte[] bytes = png.clone();
        switch (random.nextInt(5)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                for (int i = 1 + random.nextInt(20); i > 0; i--) {
                    bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> bytes = TestImages.pngHeaderClaiming(1 + random.nextInt(Integer.MAX_VALUE), 1 + random.nextInt(100_000));
            case 3 -> {
                bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
            }
            default -> {
            }
        }
        return bytes;
    }

    private static String randomId(Random random) {
        String alphabet = "abcXYZ019-_.~%2e%2f%00%ff..//$%7B%7D";
        StringBuilder id = new StringBuilder();
        for (int i = 1 + random.nextInt(60); i > 0; i--) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String s = id.toString();
        // keep the URI syntactically valid for the client: a stray '%' becomes its encoding
        return s.replaceAll("%(?![0-9a-fA-F]{2})", "%25");
    }

    private static byte[] form(byte[] image) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nas an oil painting\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(image);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static String submit(String url, String prompt) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/generate/text-to-image"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asText();
    }
}
