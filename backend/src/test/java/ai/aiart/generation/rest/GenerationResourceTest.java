package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.ResponseLoggingFilter;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class GenerationResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aPromptBecomesAPictureThroughTheJobApi() throws IOException {
        String id = given().contentType(ContentType.JSON)
                .body("{\"prompt\":\"a lighthouse on a cliff at sunset\",\"aspect_ratio\":\"16:9\",\"seed\":7}")
                .filter(new ResponseLoggingFilter())
                .when().post("/api/v1/generate/text-to-image")
                .then().statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/jobs/[A-Za-z0-9_-]{22}"))
                .contentType(ContentType.JSON)
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("kind", equalTo("text-to-image"))
                .body("status", matchesPattern("queued|running|succeeded"))
                .body("tier", equalTo("anonymous"))
                .body("created_at", notNullValue())
                .body("error", nullValue())
                .body("links.self", matchesPattern("/api/v1/jobs/.+"))
                .extract().path("id");

        awaitTerminal(id, WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("local"))
                .body("progress", is(1.0f))
                .body("started_at", notNullValue())
                .body("completed_at", notNullValue())
                .body("result.content_type", equalTo("image/jpeg"))
                .body("result.width", equalTo(1024))
                .body("result.height", equalTo(576))
                .body("result.provider", equalTo("local"))
                .body("result.url", equalTo("/api/v1/jobs/" + id + "/result"))
                .body("links.result", equalTo("/api/v1/jobs/" + id + "/result"))
                .body("links.cancel", nullValue());

        byte[] jpeg = given().when().get("/api/v1/jobs/" + id + "/result")
                .then().statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Content-Disposition", "inline; filename=\"aiart-" + id + ".jpg\"")
                .header("ETag", notNullValue())
                .extract().asByteArray();
        // the offline renderer's pictures are stored compactly (docs/PROVIDERS.md): well under 300 KB
        assertTrue(jpeg.length < 300 * 1024, jpeg.length + " bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertNotNull(image, "the result decodes as an image");
        assertEquals(1024, image.getWidth());
        assertEquals(576, image.getHeight());
    }

    @Test
    void aspectRatiosAreHonoured() throws IOException {
        for (String[] ratio : new String[][] {{"1:1", "1024", "1024"}, {"9:16", "576", "1024"}, {"3:2", "1024", "680"}}) {
            String id = submit("{\"prompt\":\"tall pines in fog\",\"aspect_ratio\":\"" + ratio[0] + "\",\"seed\":3}");
            awaitTerminal(id, WAIT).body("status", equalTo("succeeded"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(result(id)));
            assertEquals(Integer.parseInt(ratio[1]), image.getWidth(), ratio[0] + " width");
            assertEquals(Integer.parseInt(ratio[2]), image.getHeight(), ratio[0] + " height");
        }
    }

    @Test
    void samePromptAndSeedGiveTheSameBytesAndOtherPromptsOtherPictures() {
        String a1 = submit("{\"prompt\":\"a quiet harbour at night\",\"seed\":42}");
        String a2 = submit("{\"prompt\":\"a quiet harbour at night\",\"seed\":42}");
        String b = submit("{\"prompt\":\"a desert of red dunes under a golden sun\",\"seed\":42}");
        for (String id : new String[] {a1, a2, b}) {
            awaitTerminal(id, WAIT).body("status", equalTo("succeeded"));
        }
        byte[] first = result(a1);
        assertArrayEquals(first, result(a2), "same prompt and seed → same picture");
        assertFalse(Arrays.equals(first, result(b)), "another prompt → another picture");
    }

    @Test
    void aSeedIsDrawnWhenNoneIsGivenSoEveryJobDiffers() {
        String a = submit("{\"prompt\":\"snowy mountains\"}");
        String b = submit("{\"prompt\":\"snowy mountains\"}");
        awaitTerminal(a, WAIT).body("status", equalTo("succeeded"));
        awaitTerminal(b, WAIT).body("status", equalTo("succeeded"));
        assertFalse(Arrays.equals(result(a), result(b)));
    }

    @Test
    void aFinishedJobCannotBeCanceled() {
        String id = submit("{\"prompt\":\"a small red boat\",\"seed\":1}");
        awaitTerminal(id, WAIT).body("status", equalTo("succeeded"));
        given().when().delete("/api/v1/jobs/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("error_type", equalTo("conflict"))
                .body("success", equalTo(false));
        given().when().get("/api/v1/jobs/" + id).then().body("status", equalTo("succeeded"));
    }

    @Test
    void unknownJobsAre404InTheErrorFormat() {
        given().when().get("/api/v1/jobs/no-such-job")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("error_type", equalTo("not_found"))
                .body("status", equalTo(404))
                .body("type", equalTo("/problems/not_found"));
        given().when().get("/api/v1/jobs/no-such-job/result").then().statusCode(404).body("error_type", equalTo("not_found"));
        given().when().delete("/api/v1/jobs/no-such-job").then().statusCode(404).body("error_type", equalTo("not_found"));
    }

    private static byte[] result(String id) {
        return given().when().get("/api/v1/jobs/" + id + "/result").then().statusCode(200).extract().asByteArray();
    }
}
