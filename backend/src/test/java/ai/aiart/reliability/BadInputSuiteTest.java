package ai.aiart.reliability;

import static ai.aiart.reliability.BadInput.send;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The bad-input table (docs/RELIABILITY.md), against the backend as in production (tokens are
 * signature-checked; no emulator): malformed and mistyped JSON, hostile text, broken uploads,
 * path tricks, bad tokens, foreign origins, wrong methods and types. Every row must be refused in
 * the problem format with its status and type, never a 5xx, and leave the store unchanged.
 * Rows that need a signed-in caller or an admin live in {@link SignedInBadInputSuiteTest}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class BadInputSuiteTest {

    static final String T2I = "/api/v1/generate/text-to-image";
    static final String T2V = "/api/v1/generate/text-to-video";
    static final String I2I = "/api/v1/generate/image-to-image";
    static final String EVIL = "https://evil.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MongoClient mongo;

    @Inject
    JobRepository jobs;

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedAndChangesNothing() throws Exception {
        awaitQuietQueue();
        List<BadInput> table = new ArrayList<>();
        json(table);
        text(table);
        uploads(table);
        paths(table);
        tokens(table);
        origins(table);
        methods(table);
        return BadInput.run(table, () -> mongo.getDatabase("aiart"));
    }

    private static void json(List<BadInput> t) {
        String g = "JSON bodies";
        t.add(bad(g, "truncated JSON", 400, "validation", () -> postJson(T2I, "{\"prompt\": \"a cat\",")));
        t.add(bad(g, "an array instead of an object", 400, "validation", () -> postJson(T2I, "[1,2,3]")));
        t.add(bad(g, "a bare string", 400, "validation", () -> postJson(T2I, "\"a cat\"")));
        t.add(bad(g, "null", 400, "validation", () -> postJson(T2I, "null")));
        t.add(bad(g, "empty body", 400, "validation", () -> postJson(T2I, "")));
        t.add(bad(g, "missing prompt", 400, "validation", () -> postJson(T2I, "{\"aspect_ratio\":\"1:1\"}")));
        t.add(bad(g, "prompt is an array", 400, "validation", () -> postJson(T2I, "{\"prompt\":[\"a cat\"]}")));
        t.add(bad(g, "prompt is an object", 400, "validation", () -> postJson(T2I, "{\"prompt\":{\"text\":\"a cat\"}}")));
        t.add(bad(g, "seed is text", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"seed\":\"abc\"}")));
        t.add(bad(g, "seed is negative", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"seed\":-1}")));
        t.add(bad(g, "seed beyond 64 bits (1e30)", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"seed\":1e30}")));
        t.add(bad(g, "a 5,000-digit number", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"seed\":" + "9".repeat(5000) + "}")));
        t.add(bad(g, "unknown aspect ratio", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"aspect_ratio\":\"7:5\"}")));
        t.add(bad(g, "unknown style", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"style\":\"cubism\"}")));
        t.add(bad(g, "nested 100,000 deep", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a\",\"style\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")));
        t.add(bad(g, "invalid UTF-8 bytes", 400, "validation", () -> send().contentType("application/json")
                .body(concat("{\"prompt\":\"a ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, 0x28}, "\"}".getBytes(StandardCharsets.US_ASCII)))
                .post(T2I)));
        t.add(bad(g, "video of 9 seconds", 400, "validation", () -> postJson(T2V, "{\"prompt\":\"waves\",\"duration_seconds\":9}")));
        t.add(bad(g, "video duration is text", 400, "validation", () -> postJson(T2V, "{\"prompt\":\"waves\",\"duration_seconds\":\"long\"}")));
    }

    private static void text(List<BadInput> t) {
        String g = "prompts: length, control characters, Unicode";
        t.add(bad(g, "2,001 characters", 400, "validation", () -> prompt("a".repeat(2001))));
        t.add(bad(g, "a 1 MB prompt", 400, "validation", () -> prompt("ab ".repeat(350_000))));
        t.add(bad(g, "only whitespace", 400, "validation", () -> prompt(" \n\t ")));
        t.add(bad(g, "NUL (\\u0000)", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a\\u0000cat\"}")));
        t.add(bad(g, "terminal escape (\\u001b[31m)", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"\\u001b[31mred cat\"}")));
        t.add(bad(g, "lone high surrogate (\\ud800)", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a \\ud800 cat\"}")));
        t.add(bad(g, "lone low surrogate (\\udc00)", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat \\udc00\"}")));
        t.add(bad(g, "right-to-left override (U+202E)", 400, "validation", () -> prompt("a cat \u202Egnp.exe")));
        t.add(bad(g, "bidi isolate (U+2066)", 400, "validation", () -> prompt("a \u2066cat\u2069")));
        t.add(bad(g, "combining flood (60 accents on one letter)", 400, "validation", () -> prompt("a" + "\u0301".repeat(60) + " cat")));
        t.add(bad(g, "combining flood beyond the length limit", 400, "validation", () -> prompt("a" + "\u0301".repeat(5000))));
        t.add(bad(g, "NUL in the negative prompt", 400, "validation", () -> postJson(T2I, "{\"prompt\":\"a cat\",\"negative_prompt\":\"dogs\\u0000\"}")));
    }

    private static void uploads(List<BadInput> t) {
        String g = "uploads";
        byte[] png = TestImages.picture(64, 64, "png");
        t.add(spent(g, "over 10 MB", 413, "payload_too_large", () -> upload("big.png", TestImages.noisePng(2000, 1780), "image/png")));
        t.add(bad(g, "beyond the HTTP limit, with its length", 413, "payload_too_large", () -> send()
                .contentType("multipart/form-data; boundary=b").body(form("huge.png", new byte[12 * 1024 * 1024], "image/png")).post(I2I)));
        t.add(bad(g, "beyond the HTTP limit, chunked (no length)", 413, "payload_too_large", () -> send()
                .contentType("multipart/form-data; boundary=b").body(new java.io.ByteArrayInputStream(form("huge.png", new byte[12 * 1024 * 1024], "image/png")))
                .post(I2I)));
        t.add(bad(g, "JSON beyond the HTTP limit, chunked", 413, "payload_too_large", () -> send().contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(("{\"prompt\":\"" + "a".repeat(12 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII)))
                .post(T2I)));
        t.add(spent(g, "text labelled as PNG", 415, "unsupported_media_type", () -> upload("notes.png", "just some text".getBytes(), "image/png")));
        t.add(spent(g, "PNG labelled as JPEG", 415, "unsupported_media_type", () -> upload("photo.jpg", png, "image/jpeg")));
        t.add(spent(g, "GIF (not accepted)", 415, "unsupported_media_type", () -> upload("a.gif", TestImages.picture(64, 64, "gif"), "image/gif")));
        t.add(spent(g, "SVG (not accepted)", 415, "unsupported_media_type", () -> upload("a.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"/>".getBytes(), "image/svg+xml")));
        t.add(spent(g, "empty file", 400, "validation", () -> upload("empty.png", new byte[0], "image/png")));
        t.add(spent(g, "truncated PNG", 400, "validation", () -> upload("cut.png", TestImages.truncated(TestImages.picture(300, 300, "png"), 0.6), "image/png")));
        t.add(spent(g, "truncated JPEG", 400, "validation", () -> upload("cut.jpg", TestImages.truncated(TestImages.picture(300, 300, "jpg"), 0.5), "image/jpeg")));
        t.add(spent(g, "decompression bomb: 300-byte PNG claiming 50,000 × 50,000 px", 400, "validation",
                () -> upload("bomb.png", TestImages.pngHeaderClaiming(50000, 50000), "image/png")));
        t.add(spent(g, "PNG claiming 2^31-1 px a side", 400, "validation", () -> upload("bomb2.png", TestImages.pngHeaderClaiming(Integer.MAX_VALUE, 1), "image/png")));
        t.add(spent(g, "1 × 1 px", 400, "validation", () -> upload("dot.png", TestImages.picture(1, 1, "png"), "image/png")));
        t.add(bad(g, "no image part", 400, "validation", () -> send().multiPart("prompt", "no picture").post(I2I)));
        t.add(bad(g, "strength 1.5", 400, "validation", () -> send().multiPart("image", "p.png", png, "image/png")
                .multiPart("prompt", "x").multiPart("strength", "1.5").post(I2I)));
        t.add(bad(g, "form cut off before its end", 400, "validation", () -> send().contentType("multipart/form-data; boundary=b")
                .body(TestImages.truncated(form("p.png", png, "image/png"), 0.5)).post(I2I)));
        t.add(bad(g, "multipart without a boundary", 400, "validation", () -> send().contentType("multipart/form-data")
                .body("--b\r\n\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII)).post(I2I)));
    }

    private static void paths(List<BadInput> t) {
        String g = "ids and paths";
        t.add(bad(g, "an id that does not exist", 404, "not_found", () -> send().get("/api/v1/jobs/not-a-job")));
        t.add(bad(g, "an ObjectId-looking id", 404, "not_found", () -> send().get("/api/v1/jobs/507f1f77bcf86cd799439011")));
        t.add(bad(g, "../ in an id (encoded %2e%2e%2f)", 404, "not_found", () -> send().get("/api/v1/jobs/%2e%2e%2f%2e%2e%2fhealth")));
        t.add(bad(g, "encoded slash in an id (%2F)", 404, "not_found", () -> send().get("/api/v1/jobs/a%2Fb/result")));
        t.add(bad(g, "encoded NUL in an id (%00)", 404, "not_found", () -> send().get("/api/v1/jobs/abc%00def")));
        t.add(bad(g, "a 3,000-character id", 404, "not_found", () -> send().get("/api/v1/jobs/" + "x".repeat(3000))));
        t.add(bad(g, "a Mongo operator as id ({\"$ne\":null})", 404, "not_found", () -> send().get("/api/v1/jobs/%7B%22%24ne%22%3Anull%7D")));
        t.add(bad(g, "a regex as id (.*)", 404, "not_found", () -> send().get("/api/v1/jobs/.*")));
        t.add(bad(g, "non-ASCII id", 404, "not_found", () -> send().get("/api/v1/jobs/%E2%98%83")));
        t.add(bad(g, "cancel an unknown job", 404, "not_found", () -> send().delete("/api/v1/jobs/not-a-job")));
        t.add(bad(g, "result of an unknown job", 404, "not_found", () -> send().get("/api/v1/jobs/not-a-job/result")));
        t.add(bad(g, "events of an unknown job", 404, "not_found", () -> send().get("/api/v1/jobs/not-a-job/events")));
        t.add(bad(g, "../ out of the API (/api/v1/../../etc/passwd)", 404, "not_found", () -> send().get("/api/v1/%2e%2e/%2e%2e/etc/passwd")));
        t.add(bad(g, "history without signing in", 401, "unauthorized", () -> send().get("/api/v1/user/jobs?before=yesterday")));
    }

    private static void tokens(List<BadInput> t) throws RuntimeException {
        String g = "tokens (signature-checked, as in production)";
        String claims = claims("demo-aiart", Instant.now().getEpochSecond() + 3600);
        t.add(bad(g, "not a JWT", 401, "unauthorized", () -> send().header("Authorization", "Bearer not-a-token").get("/api/v1/limits")));
        t.add(bad(g, "Basic credentials", 401, "unauthorized", () -> send().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/limits")));
        t.add(bad(g, "empty Bearer", 401, "unauthorized", () -> send().header("Authorization", "Bearer ").get("/api/v1/limits")));
        t.add(bad(g, "unsigned (alg none), on generation", 401, "unauthorized", () -> send().header("Authorization", "Bearer "
                + b64(Map.of("alg", "none", "typ", "JWT")) + "." + claims + ".").contentType(ContentType.JSON)
                .body("{\"prompt\":\"a cat\"}").post(T2I)));
        t.add(bad(g, "forged: HS256 with a key id", 401, "unauthorized", () -> send().header("Authorization", "Bearer "
                + b64(Map.of("alg", "HS256", "kid", "k1", "typ", "JWT")) + "." + claims + ".c2lnbmF0dXJl").get("/api/v1/auth/me")));
        t.add(bad(g, "forged: RS256 without a key id", 401, "unauthorized", () -> send().header("Authorization", "Bearer "
                + b64(Map.of("alg", "RS256", "typ", "JWT")) + "." + claims + ".c2lnbmF0dXJl").get("/api/v1/user/me")));
        t.add(bad(g, "an 8 KB token", 401, "unauthorized", () -> send().header("Authorization", "Bearer " + "A".repeat(8192)).get("/api/v1/limits")));
        t.add(bad(g, "admin route without a token", 401, "unauthorized", () -> send().get("/api/v1/admin/users")));
        t.add(bad(g, "admin route with an unsigned admin token", 401, "unauthorized", () -> send().header("Authorization", "Bearer "
                + b64(Map.of("alg", "none", "typ", "JWT")) + "." + claims("demo-aiart", Instant.now().getEpochSecond() + 3600, true) + ".")
                .get("/api/v1/admin/users")));
        t.add(bad(g, "internal endpoint, key off", 403, "forbidden", () -> send().header("X-Internal-Key", "guess").get("/api/v1/internal/ping")));
    }

    private static void origins(List<BadInput> t) {
        String g = "CORS";
        t.add(bad(g, "preflight from a foreign origin", 403, "forbidden", () -> send().header("Origin", EVIL)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization").options(T2I)));
        t.add(bad(g, "generation POST from a foreign origin", 403, "forbidden", () -> send().header("Origin", EVIL)
                .contentType(ContentType.JSON).body("{\"prompt\":\"a cat\"}").post(T2I)));
        t.add(bad(g, "origin that only starts like ours", 403, "forbidden", () -> send().header("Origin", "http://localhost:8080.evil.example").get("/api/v1/limits")));
        t.add(bad(g, "Origin: null (sandboxed page)", 403, "forbidden", () -> send().header("Origin", "null")
                .contentType(ContentType.JSON).body("{\"prompt\":\"a cat\"}").post(T2I)));
    }

    private static void methods(List<BadInput> t) {
        String g = "methods and content types";
        t.add(bad(g, "GET on a POST endpoint", 405, "method_not_allowed", () -> send().get(T2I)));
        t.add(bad(g, "PUT on a job", 405, "method_not_allowed", () -> send().contentType(ContentType.JSON).body("{}").put("/api/v1/jobs/abc")));
        t.add(bad(g, "PATCH on generation", 405, "method_not_allowed", () -> send().contentType(ContentType.JSON).body("{}").patch(T2I)));
        t.add(bad(g, "text/plain to a JSON endpoint", 415, "unsupported_media_type", () -> send().contentType(ContentType.TEXT).body("prompt=a cat").post(T2I)));
        t.add(bad(g, "a form to a JSON endpoint", 415, "unsupported_media_type", () -> send().contentType(ContentType.URLENC).formParam("prompt", "a cat").post(T2I)));
        t.add(bad(g, "JSON to an upload endpoint", 415, "unsupported_media_type", () -> postJson(I2I, "{\"prompt\":\"a cat\"}")));
        t.add(bad(g, "XML to a JSON endpoint", 415, "unsupported_media_type", () -> send().contentType(ContentType.XML).body("<prompt>a cat</prompt>").post(T2I)));
        t.add(bad(g, "Accept: image/png on health", 406, "not_acceptable", () -> send().accept("image/png").get("/api/v1/health")));
        t.add(bad(g, "unknown API path", 404, "not_found", () -> send().get("/api/v1/no-such-thing")));
    }

    // --- helpers

    static BadInput bad(String group, String name, int status, String type, Supplier<Response> request) {
        return new BadInput(group, name, status, type, request);
    }

    /** A picture refused after its sender was admitted: it spends the sender's token. */
    static BadInput spent(String group, String name, int status, String type, Supplier<Response> request) {
        return new BadInput(group, name, status, type, request, true);
    }

    static Response postJson(String path, String body) {
        return send().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8)).post(path);
    }

    static Response prompt(String prompt) {
        try {
            return postJson(T2I, JSON.writeValueAsString(Map.of("prompt", prompt)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response upload(String name, byte[] bytes, String type) {
        return send().multiPart("image", name, bytes, type).multiPart("prompt", "as a watercolor").post(I2I);
    }

    /** A multipart body (boundary {@code b}) with one image part and a prompt. */
    static byte[] form(String name, byte[] image, String type) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                + name + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(image);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String claims(String project, long exp) {
        return claims(project, exp, false);
    }

    static String claims(String project, long exp, boolean admin) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("email", "someone@aiart.test", "email_verified", true,
                "user_id", "u1", "sub", "u1", "iat", now - 60, "exp", exp, "auth_time", now - 60, "aud", project,
                "iss", "https://securetoken.google.com/" + project,
                "firebase", Map.of("sign_in_provider", "password")));
        if (admin) {
            claims.put("admin", true);
        }
        return b64(claims);
    }

    static String b64(Object json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jobs left by earlier tests in this application must be finished before the store is compared. */
    private void awaitQuietQueue() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (jobs.countQueued() + jobs.countRunning() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
