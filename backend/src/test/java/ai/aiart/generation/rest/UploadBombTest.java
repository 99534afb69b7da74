package ai.aiart.generation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallLimitsProfile;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Decompression bombs and other bad uploads (docs/RELIABILITY.md, "Uploads"): the caller is
 * identified and admitted before a picture is read; a picture is decoded only within the decode
 * budget, so a flood of tiny files that declare huge pictures runs in turn instead of exhausting the
 * heap; a picture too large for the whole budget is refused with 413; a refused upload keeps the
 * token it took. A 20 MB budget stands for the production 52 MB with smaller pictures.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class) // a 20 MB decode budget of two slots; four creations a minute, no grace
@QuarkusTestResource(EmbeddedStoreResource.class)
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "hostile uploads")
class UploadBombTest {

    private static final String I2V = "/api/v1/generate/image-to-video";
    private static final String I2I = "/api/v1/generate/image-to-image";
    private static final long MB = 1 << 20;

    @Inject
    DecodeBudget budget;
    @Inject
    JobRepository jobs;
    @Inject
    MongoClient client;

    private static int visitors;

    @BeforeEach
    void empty() {
        MongoDatabase db = client.getDatabase("aiart");
        jobs.deleteAll();
        ai.aiart.support.StoreTestSupport.emptyBuckets(db, "uploads");
        budget.resetPeak();
    }

    @Test
    @ReliabilityCase(name = "a 44-byte lossless WebP declaring 4096 × 4096 px, more than the whole decode budget",
            expected = "413 payload_too_large before any decode; no job, no upload; the token spent")
    void aBombLargerThanTheWholeBudgetIsRefusedWith413WithoutDecodingAndCostsItsToken() {
        String ip = visitor();
        int before = tokensLeft(ip);
        upload(ip, I2V, TestImages.losslessWebp(4096, 4096), "image/webp")
                .statusCode(413)
                .contentType(containsString("application/problem+json"))
                .body("error_type", equalTo("payload_too_large"))
                .body("message", containsString("4096 × 4096"))
                .body("message", containsString("megapixels"));
        assertEquals(0, budget.peakHeld(), "nothing was decoded");
        assertEquals(0, jobs.count());
        assertEquals(0, client.getDatabase("aiart").getCollection("uploads.files").countDocuments());
        assertEquals(before - 1, tokensLeft(ip), "the refused upload counts against its sender");
    }

    @Test
    @ReliabilityCase(name = "8 bombs at once (2048 × 2048 px, 16 MB each to decode, 20 MB budget)", count = 8,
            expected = "decoded one at a time, never more than the budget held; every one answered, no 5xx but 503 when the wait runs out")
    void aFloodOfBombsWithinTheBudgetIsDecodedInTurnAndEveryOneAnswered() throws Exception {
        byte[] bomb = TestImages.losslessWebp(2048, 2048); // 16 MB to decode: one at a time in 20 MB
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String ip = visitor();
                answers.add(pool.submit(() -> upload(ip, I2V, bomb, "image/webp").extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 202 || status == 503, "answered " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16 * MB + 256 * 256 * 4, budget.peakHeld(), "never two 16 MB decodes at once");
        assertEquals(0, budget.held());
        assertTrue(answers.stream().filter(f -> status(f) == 202).count() >= 1);
    }

    @Test
    @ReliabilityCase(name = "an upload while the decode budget is taken",
            expected = "waits aiart.uploads.decode-wait, then 503 resource_limit with Retry-After; accepted once free")
    void anUploadThatFindsTheBudgetTakenWaitsThenGets503WithRetryAfter() {
        String ip = visitor();
        try (DecodeBudget.Lease all = budget.lease(20 * MB, Duration.ZERO)) {
            upload(ip, I2I, TestImages.picture(200, 150, "png"), "image/png")
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error_type", equalTo("resource_limit"))
                    .body("message", containsString("busy reading other pictures"));
        }
        upload(ip, I2I, TestImages.picture(200, 150, "png"), "image/png").statusCode(202);
    }

    @Test
    @ReliabilityCase(name = "a damaged picture", expected = "400 validation after admission; the token spent")
    void aDamagedPictureIsReadOnlyAfterAdmissionAndKeepsItsToken() {
        String ip = visitor();
        int before = tokensLeft(ip);
        byte[] png = TestImages.picture(200, 150, "png");
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        upload(ip, I2I, cut, "image/png").statusCode(400).body("error_type", equalTo("validation"));
        assertEquals(before - 1, tokensLeft(ip));
    }

    @Test
    @ReliabilityCase(name = "a bomb from a visitor with no token left", expected = "429 before the picture is read")
    void aVisitorWithNoTokenLeftIsRefusedBeforeThePictureIsRead() {
        String ip = visitor();
        byte[] picture = TestImages.picture(200, 150, "png");
        int status;
        do {
            status = upload(ip, I2I, picture, "image/png").extract().statusCode();
        } while (status == 202);
        assertEquals(429, status);
        assertEquals(0, tokensLeft(ip));
        budget.resetPeak();
        upload(ip, I2V, TestImages.losslessWebp(2048, 2048), "image/webp").statusCode(429);
        assertEquals(0, budget.peakHeld(), "a refused caller's picture is never decoded");
    }

    @Test
    @ReliabilityCase(name = "a resubmission (same Idempotency-Key) with no token left",
            expected = "202 with the job it first made, Idempotent-Replayed")
    void aResubmissionPastTheAllowanceGetsItsJobBack() {
        String ip = visitor();
        byte[] picture = TestImages.picture(200, 150, "png");
        String first = null;
        int status;
        int n = 0;
        do {
            ValidatableResponse r = upload(ip, I2I, picture, "image/png", "key-" + n++);
            status = r.extract().statusCode();
            if (first == null && status == 202) {
                first = r.extract().path("id");
            }
        } while (status == 202);
        assertEquals(429, status);
        upload(ip, I2I, picture, "image/png", "key-0").statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
    }

    private static int status(Future<Integer> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized String visitor() {
        return "198.18.0." + (++visitors); // addresses no other test of the profile uses
    }

    private static int tokensLeft(String ip) {
        return given().header("X-Forwarded-For", ip).get("/api/v1/limits").then().statusCode(200)
                .extract().path("tokens_left");
    }

    private static ValidatableResponse upload(String ip, String path, byte[] bytes, String type) {
        return upload(ip, path, bytes, type, null);
    }

    private static ValidatableResponse upload(String ip, String path, byte[] bytes, String type, String key) {
        var request = given().header("X-Forwarded-For", ip)
                .multiPart("image", "p." + type.substring(6), bytes, type)
                .multiPart("prompt", "as a watercolor");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(path).then();
    }
}
