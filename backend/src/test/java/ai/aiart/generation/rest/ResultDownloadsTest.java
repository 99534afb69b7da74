package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.HttpLimitsProfile;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Result downloads are streamed and bounded: beyond the bound, a clear busy answer. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
@TestProfile(HttpLimitsProfile.class) // two downloads at once; a third waits 300 ms, then is refused
class ResultDownloadsTest {

    private static String resultPath;
    private static String largeResultPath;

    @Inject
    ResultDownloads downloads;
    @Inject
    ResultStore results;
    @Inject
    JobRepository jobs;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void aFinishedPicture() throws IOException {
        if (resultPath == null) {
            String id = submit("{\"prompt\":\"a harbour full of boats at dawn\",\"seed\":11}");
            awaitTerminal(id, Duration.ofSeconds(30)).body("status", equalTo("succeeded"));
            resultPath = "/api/v1/jobs/" + id + "/result";
            largeResultPath = "/api/v1/jobs/" + storedLargeResult() + "/result";
        }
        awaitNoDownloads();
    }

    /**
     * A finished job whose result spans several GridFS chunks. The offline renderer's pictures are
     * now one chunk (under 255 KB), so this one is an incompressible PNG stored as an upstream's
     * picture would be.
     */
    private String storedLargeResult() throws IOException {
        byte[] picture = TestImages.noisePng(400, 400);
        Path file = Files.createTempFile("large", ".png");
        Files.write(file, picture);
        results.save("large-result.1", "image/png", file);
        Files.delete(file);
        Job job = new Job();
        job.id = "large-result";
        job.kind = "text-to-image";
        job.status = JobStatus.SUCCEEDED.wire();
        job.tier = "anonymous";
        job.owner = "test";
        job.createdAt = Instant.now();
        job.completedAt = job.createdAt;
        job.result = new Job.JobResult();
        job.result.fileId = "large-result.1";
        job.result.contentType = "image/png";
        job.result.provider = "stability";
        job.result.width = 400;
        job.result.height = 400;
        job.result.size = picture.length;
        jobs.persistOrUpdate(job);
        return job.id;
    }

    @Test
    void theWholeResultIsStreamedChunkByChunk() throws IOException {
        Response response = given().when().get(largeResultPath).then().statusCode(200).contentType("image/png").extract().response();
        byte[] body = response.asByteArray();
        assertEquals(Long.parseLong(response.header("Content-Length")), body.length);
        assertTrue(body.length > 255 * 1024, "a picture of several GridFS chunks (" + body.length + " bytes)");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(body)), "the streamed bytes decode as a picture");
    }

    @Test
    void anOfflinePictureIsServedAsTheJpegItIsStoredAs() throws IOException {
        byte[] body = given().when().get(resultPath).then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(body)), "the streamed bytes decode as a picture");
    }

    @Test
    void aDownloadBeyondTheBoundIsRefusedAsBusyAndServedOnceASlotFrees() {
        ResultDownloads.Slot first = take();
        ResultDownloads.Slot second = take();
        try {
            long started = System.nanoTime();
            given().when().get(resultPath)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("error_type", equalTo("resource_limit"))
                    .body("retry_after", equalTo(2))
                    .body("donation_link", equalTo("/donate.html"))
                    .body("message", org.hamcrest.Matchers.containsString("donations pay for more room"))
                    .body("success", equalTo(false));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300, "it waited for a slot first");
            first.release();
            first.release(); // a second release gives nothing back twice
            given().when().get(resultPath).then().statusCode(200).contentType("image/jpeg");
            awaitNoDownloads(1); // the one still held by this test
        } finally {
            first.release();
            second.release();
        }
        assertEquals(0, downloads.active());
    }

    @Test
    void oneRangeOfASeveralChunkResultIsAnswered206WithThoseBytesOnly() {
        Response whole = given().when().get(largeResultPath).then().statusCode(200).header("Accept-Ranges", "bytes")
                .extract().response();
        byte[] all = whole.asByteArray();
        int length = all.length;
        // in the second GridFS chunk (255 KB each), as a browser seeking in a video asks
        byte[] middle = given().header("Range", "bytes=300000-300099").when().get(largeResultPath).then().statusCode(206)
                .header("Content-Range", "bytes 300000-300099/" + length)
                .header("Content-Length", "100")
                .header("Accept-Ranges", "bytes")
                .header("ETag", whole.header("ETag"))
                .extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 300_000, 300_100), middle);
        byte[] tail = given().header("Range", "bytes=-1000").when().get(largeResultPath).then().statusCode(206)
                .header("Content-Range", "bytes " + (length - 1000) + "-" + (length - 1) + "/" + length)
                .extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(all, length - 1000, length), tail);
        byte[] from = given().header("Range", "bytes=" + (length - 10) + "-" + (length + 500)).when().get(largeResultPath)
                .then().statusCode(206).header("Content-Range", "bytes " + (length - 10) + "-" + (length - 1) + "/" + length)
                .extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(all, length - 10, length), from, "the end is held to the file's");

        given().header("Range", "bytes=" + length + "-").when().get(largeResultPath).then().statusCode(416)
                .contentType("application/problem+json")
                .header("Content-Range", "bytes */" + length)
                .body("error_type", equalTo("range_not_satisfiable"));
        // several ranges, a range of another version (If-Range), or not bytes: the whole file
        given().header("Range", "bytes=0-9,20-29").when().get(largeResultPath).then().statusCode(200)
                .header("Content-Length", Integer.toString(length));
        given().header("Range", "bytes=0-9").header("If-Range", "\"another-file\"").when().get(largeResultPath).then()
                .statusCode(200);
        given().header("Range", "bytes=0-9").header("If-Range", whole.header("ETag")).when().get(largeResultPath).then()
                .statusCode(206).header("Content-Length", "10");
        given().header("Range", "lines=0-9").when().get(largeResultPath).then().statusCode(200);
        awaitNoDownloads();
    }

    @Test
    void aCurrentCopyIsAnswered304WithoutADownloadSlotOrTheStore() {
        Response whole = given().when().get(largeResultPath).then().statusCode(200).extract().response();
        String etag = whole.header("ETag");
        String lastModified = whole.header("Last-Modified");
        assertNotNull(lastModified);
        awaitNoDownloads();
        ResultDownloads.Slot first = take();
        ResultDownloads.Slot second = take();
        try {
            // with every slot taken, a download would be 503: a 304 never gets that far
            given().header("If-None-Match", etag).when().get(largeResultPath).then().statusCode(304)
                    .header("ETag", etag)
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .header("Vary", "Origin")
                    .body(org.hamcrest.Matchers.emptyString());
            given().header("If-None-Match", "\"other\", W/" + etag).when().get(largeResultPath).then().statusCode(304);
            given().header("If-Modified-Since", lastModified).when().get(largeResultPath).then().statusCode(304);
            // another version, or an older date: the download itself, refused here only for want of a slot
            given().header("If-None-Match", "\"other\"").when().get(largeResultPath).then().statusCode(503);
            given().header("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT").when().get(largeResultPath).then().statusCode(503);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void everyFinishedDownloadGivesItsSlotBack() {
        for (int i = 0; i < 6; i++) { // three times the bound, one after the other
            given().when().get(resultPath).then().statusCode(200);
        }
        awaitNoDownloads();
    }

    @Test
    void aClientThatHangsUpMidwayGivesItsSlotBack() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + largeResultPath + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] head = in.readNBytes(64);
                assertTrue(new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            } // hangs up having read 64 bytes of about half a megabyte
        }
        awaitNoDownloads();
        given().when().get(largeResultPath).then().statusCode(200);
    }

    @Test
    void aClientThatHangsUpWhileWaitingForASlotLeavesNoneHeld() throws Exception {
        ResultDownloads.Slot first = take();
        ResultDownloads.Slot second = take();
        try {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET " + largeResultPath + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100); // waiting for a slot (for up to 300 ms)
                } // hangs up while it waits
            }
            first.release(); // a slot that none of them may keep
            given().when().get(resultPath).then().statusCode(200);
            awaitNoDownloads(1); // the one still held by this test
        } finally {
            first.release();
            second.release();
        }
        assertEquals(0, downloads.active());
    }

    /** A slot held by the test itself, as a download in flight would hold it. */
    private ResultDownloads.Slot take() {
        return downloads.acquire(new CompletableFuture<>()).await().atMost(Duration.ofSeconds(5));
    }

    private void awaitNoDownloads() {
        awaitNoDownloads(0);
    }

    private void awaitNoDownloads(int held) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (downloads.active() != held) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(downloads.active() + " downloads still hold a slot, expected " + held);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
