package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Image-to-image, image-to-video and text-to-video, and the checks every upload passes. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class UploadAndVideoTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String I2I = "/api/v1/generate/image-to-image";

    @Inject
    JobRepository jobs;

    private long jobsBefore;

    @BeforeEach
    void count() {
        jobsBefore = jobs.count();
    }

    @Test
    void anUploadIsRestyledAtTheNearestAspectRatio() throws IOException {
        String id = given().multiPart("image", "photo.jpg", TestImages.picture(300, 200, "jpg"), "image/jpeg")
                .multiPart("prompt", "as a watercolor at dusk").multiPart("strength", "0.7")
                .post(I2I).then().statusCode(202)
                .body("kind", equalTo("image-to-image")).extract().path("id");
        awaitTerminal(id, WAIT).body("status", equalTo("succeeded"))
                .body("result.width", equalTo(1024)).body("result.height", equalTo(680));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                given().get("/api/v1/jobs/" + id + "/result").then().statusCode(200).contentType("image/jpeg").extract().asByteArray()));
        assertEquals(1024, image.getWidth());
    }

    @Test
    void textBecomesARealMp4() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"prompt\":\"waves rolling onto a beach at sunset\",\"duration_seconds\":2,\"aspect_ratio\":\"16:9\"}")
                .post("/api/v1/generate/text-to-video").then().statusCode(202).extract().path("id");
        awaitTerminal(id, WAIT).body("status", equalTo("succeeded"))
                .body("result.content_type", equalTo("video/mp4"))
                .body("result.duration_seconds", equalTo(2.0f));
        assertVideo(id, 640, 360, 24);
    }

    @Test
    void aPictureBecomesAVideo() throws Exception {
        String id = given().multiPart("image", "p.png", TestImages.picture(400, 400, "png"), "image/png")
                .multiPart("prompt", "drifting into a dream").multiPart("duration_seconds", "1")
                .post("/api/v1/generate/image-to-video").then().statusCode(202).extract().path("id");
        awaitTerminal(id, WAIT).body("status", equalTo("succeeded")).body("result.content_type", equalTo("video/mp4"));
        assertVideo(id, 640, 640, 12);
    }

    @Test
    void anOversizedUploadIs413() {
        refused(given().multiPart("image", "big.png", TestImages.noisePng(2000, 1780), "image/png")
                .multiPart("prompt", "x").post(I2I), 413, "payload_too_large");
    }

    @Test
    void aBodyBeyondTheHttpLimitIs413InTheErrorFormat() {
        // as a browser sends a form: with its length announced
        String boundary = "aiartboundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"huge.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes());
        body.writeBytes(new byte[12 * 1024 * 1024]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
        refused(given().contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray()).post(I2I),
                413, "payload_too_large");
    }

    @Test
    void somethingThatIsNotAPictureIs415() {
        refused(given().multiPart("image", "notes.png", "just some text, honestly".getBytes(), "image/png")
                .multiPart("prompt", "x").post(I2I), 415, "unsupported_media_type");
    }

    @Test
    void aMislabelledPictureIs415() {
        refused(given().multiPart("image", "photo.jpg", TestImages.picture(100, 100, "png"), "image/jpeg")
                .multiPart("prompt", "x").post(I2I), 415, "unsupported_media_type")
                .body("message", containsString("PNG"));
    }

    @Test
    void aTruncatedPictureIs400() {
        refused(given().multiPart("image", "cut.png", TestImages.truncated(TestImages.picture(300, 300, "png"), 0.6), "image/png")
                .multiPart("prompt", "x").post(I2I), 400, "validation")
                .body("message", containsString("damaged"));
        refused(given().multiPart("image", "cut.jpg", TestImages.truncated(TestImages.picture(300, 300, "jpg"), 0.5), "image/jpeg")
                .multiPart("prompt", "x").post(I2I), 400, "validation");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        refused(given().multiPart("image", "bomb.png", TestImages.pngHeaderClaiming(50000, 50000), "image/png")
                .multiPart("prompt", "x").post(I2I), 400, "validation")
                .body("message", containsString("4096"));
    }

    @Test
    void missingPartsAndBadNumbersAre400() {
        refused(given().multiPart("prompt", "no picture").post(I2I), 400, "validation")
                .body("message", containsString("'image'"));
        refused(given().multiPart("image", "p.png", TestImages.picture(64, 64, "png"), "image/png").post(I2I), 400, "validation")
                .body("message", containsString("prompt"));
        refused(given().multiPart("image", "p.png", TestImages.picture(64, 64, "png"), "image/png")
                .multiPart("prompt", "x").multiPart("strength", "1.5").post(I2I), 400, "validation")
                .body("message", containsString("strength"));
        refused(given().multiPart("image", "p.png", TestImages.picture(64, 64, "png"), "image/png")
                .multiPart("duration_seconds", "nine").post("/api/v1/generate/image-to-video"), 400, "validation");
        refused(given().contentType(ContentType.JSON).body("{\"prompt\":\"x\",\"duration_seconds\":9}")
                .post("/api/v1/generate/text-to-video"), 400, "validation");
    }

    private ValidatableResponse refused(io.restassured.response.Response response, int status, String type) {
        ValidatableResponse checked = response.then().log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json").body("error_type", equalTo(type)).body("success", equalTo(false));
        assertEquals(jobsBefore, jobs.count(), "a refused upload stores no job");
        return checked;
    }

    private static void assertVideo(String id, int width, int height, int frames) throws Exception {
        byte[] mp4 = given().get("/api/v1/jobs/" + id + "/result").then().statusCode(200)
                .contentType("video/mp4").extract().asByteArray();
        Path file = Files.createTempFile("video", ".mp4");
        try {
            Files.write(file, mp4);
            FrameGrab grab = FrameGrab.createFrameGrab(NIOUtils.readableChannel(file.toFile()));
            assertEquals(frames, grab.getVideoTrack().getMeta().getTotalFrames());
            Picture first = grab.getNativeFrame();
            assertNotNull(first, "the first frame decodes");
            assertEquals(width, first.getCroppedWidth());
            assertEquals(height, first.getCroppedHeight());
        } finally {
            Files.delete(file);
        }
    }
}
