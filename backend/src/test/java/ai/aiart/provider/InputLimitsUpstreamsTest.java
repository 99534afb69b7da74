package ai.aiart.provider;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.aiart.core.JobKind;
import ai.aiart.provider.dashscope.DashScopeProvider;
import ai.aiart.provider.gemini.GeminiProvider;
import ai.aiart.provider.stability.StabilityProvider;
import ai.aiart.provider.upstream.InputFitting;
import ai.aiart.provider.upstream.InputLimits;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestImages;
import ai.aiart.support.TestMedia;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Uploads and prompts outside an upstream's limits still get through it: the runner fits them
 * (docs/PROVIDERS.md, "Input limits and fitting"), and each stand-in checks that what it received
 * is within the limits the provider declares — decoded sides, bytes, format and prompt length.
 * The stand-ins answer in the services' wire formats; the endpoints are matched loosely, so that a
 * change of model (and so of path) does not hide what is checked here.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class InputLimitsUpstreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VIDEOS = "/api/v1/services/aigc/video-generation/video-synthesis";
    private static final Pattern DATA_URI = Pattern.compile("data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The prompt of {@link #warmUp}'s request, found in no other. */
    private static final String WARM = "warming up the client";

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    InputFitting fitting;

    @Inject
    StabilityProvider stability;

    @Inject
    GeminiProvider gemini;

    @Inject
    DashScopeProvider dashscope;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    /** Through the API: too wide, too flat, transparent, and a prompt past 800 characters, to DashScope's image-to-video. */
    @Test
    void aWideTransparentUploadAndALongPromptGetThroughDashScopeAndTheJobSaysWhatChanged() throws IOException {
        upstream.stubFor(post(VIDEOS).willReturn(okJson("{\"request_id\":\"r-1\",\"output\":{\"task_id\":\"fit\","
                + "\"task_status\":\"PENDING\"}}")));
        upstream.stubFor(get("/api/v1/tasks/fit").willReturn(okJson("{\"request_id\":\"r-2\",\"output\":{\"task_id\":\"fit\","
                + "\"task_status\":\"SUCCEEDED\",\"video_url\":\"" + upstream.baseUrl() + "/oss/fit.mp4\"},"
                + "\"usage\":{\"video_duration\":5}}")));
        upstream.stubFor(get("/oss/fit.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(TestMedia.mp4(832, 480, 5))));
        warmUp(dashscope, TestMedia.request(JobKind.IMAGE_TO_VIDEO, WARM, null, "1:1",
                TestMedia.upload(TestMedia.png(400, 400), 400, 400), null, null));
        String prompt = words(1000);

        String id = given().multiPart("image", "strip.png", transparentPng(4000, 300), "image/png")
                .multiPart("prompt", prompt)
                .post("/api/v1/generate/image-to-video").then().statusCode(202).extract().path("id");

        awaitTerminal(id, WAIT).body("status", equalTo("succeeded"))
                .body("provider", equalTo("dashscope"))
                .body("result.adjustments.provider", hasItems("dashscope", "dashscope"))
                .body("result.adjustments.what", hasItems("prompt", "image"))
                .body("result.adjustments.find { it.what == 'image' }.from", startsWith("4000x300 png "))
                .body("result.adjustments.find { it.what == 'image' }.to", startsWith("2000x360 jpeg "))
                .body("result.adjustments.find { it.what == 'prompt' }.from", equalTo(String.valueOf(prompt.length())));
        LoggedRequest sent = notWarmUp(upstream.findAll(postRequestedFor(urlEqualTo(VIDEOS))));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        String sentPrompt = field(body, "prompt");
        assertTrue(sentPrompt.length() <= 800 && sentPrompt.length() > 700, sentPrompt.length() + " characters");
        assertTrue(prompt.startsWith(sentPrompt + " "), "cut at a word boundary");
        Matcher uri = DATA_URI.matcher(sent.getBodyAsString());
        assertTrue(uri.find(), "the upload is sent as a data: URI");
        assertEquals("image/jpeg", uri.group(1), "DashScope takes no transparency");
        byte[] picture = Base64.getDecoder().decode(uri.group(2));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
        assertEquals(2000, image.getWidth());
        assertEquals(360, image.getHeight());
        assertTrue(picture.length <= 10_000_000);
    }

    @Test
    void aTinyUploadAndAPromptPastTenThousandCharactersGetThroughStability() throws IOException {
        upstream.stubFor(post(urlPathMatching("/v2beta/stable-image/generate/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS").withHeader("seed", "42")
                .withBody(TestMedia.png(64, 64))));
        warmUp(stability, TestMedia.request(JobKind.IMAGE_TO_IMAGE, WARM, null, "1:1",
                TestMedia.upload(TestMedia.png(64, 64), 64, 64), 0.5, null));
        GenerationRequest request = TestMedia.request(JobKind.IMAGE_TO_IMAGE, words(10_050), null, "1:1",
                TestMedia.upload(TestMedia.png(16, 24), 16, 24), 0.5, null);

        List<InputFitting.Adjustment> changes = generate(stability, request);

        LoggedRequest sent = notWarmUp(upstream.findAll(postRequestedFor(urlPathMatching("/v2beta/stable-image/generate/.*"))));
        String sentPrompt = sent.getPart("prompt").getBody().asString();
        assertTrue(sentPrompt.length() <= 10_000 && sentPrompt.length() > 9_900, sentPrompt.length() + " characters");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sent.getPart("image").getBody().asBytes()));
        assertEquals(64, image.getWidth(), "scaled up to Stability's 64 px a side, keeping the shape");
        assertEquals(96, image.getHeight());
        assertEquals(2, changes.size(), changes.toString());
    }

    @Test
    void anUploadOverSevenMegabytesGetsThroughGeminiInline() throws IOException {
        byte[] upload = TestImages.noisePng(1600, 1500);
        assertTrue(upload.length > 7_000_000, "the test's upload must be over the cap: " + upload.length);
        String answer = Base64.getEncoder().encodeToString(TestMedia.png(80, 45));
        upstream.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:generateContent")).willReturn(okJson(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
                        + "\"data\":\"" + answer + "\"}}]},\"finishReason\":\"STOP\"}]}")));

        warmUp(gemini, TestMedia.request(JobKind.IMAGE_TO_IMAGE, WARM, null, "1:1",
                TestMedia.upload(TestMedia.png(64, 64), 64, 64), 0.5, null));
        generate(gemini, TestMedia.request(JobKind.IMAGE_TO_IMAGE, "as a mosaic", null, "1:1",
                TestMedia.upload(upload, 1600, 1500), 0.5, null));

        JsonNode body = JSON.readTree(notWarmUp(upstream.findAll(postRequestedFor(
                urlPathMatching("/v1beta/models/[^/]+:generateContent")))).getBodyAsString());
        JsonNode inline = body.findValue("inlineData");
        assertNotNull(inline, "the upload is sent inline");
        byte[] picture = Base64.getDecoder().decode(inline.get("data").asText());
        assertTrue(picture.length <= 7_000_000, picture.length + " bytes");
        assertEquals("image/jpeg", inline.get("mimeType").asText());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
        assertEquals(1600, image.getWidth(), "only the encoding changed");
    }

    @Test
    void everyUpstreamDeclaresLimitsForWhatItTakes() {
        assertEquals(360, dashscope.inputLimits(JobKind.IMAGE_TO_VIDEO).minSide());
        assertEquals(64, stability.inputLimits(JobKind.IMAGE_TO_IMAGE).minSide());
        assertEquals(7_000_000L, gemini.inputLimits(JobKind.IMAGE_TO_IMAGE).maxBytes());
        assertEquals(InputLimits.NONE, gemini.inputLimits(JobKind.TEXT_TO_IMAGE));
    }

    /**
     * One throwaway call that fits already. The first call a fresh app makes through an upstream's
     * client loads and compiles that client's classes, which on a loaded machine can outlast this
     * profile's 1.5 s timeout on every attempt; that is not what these tests check.
     */
    private void warmUp(ImageProvider provider, GenerationRequest request) {
        try {
            MediaFiles.deleteQuietly(provider.generate(request, p -> {
            }).file());
        } catch (ProviderException e) {
            // still cold: the classes are loaded now, and the next call is warm
        }
        upstream.resetRequests();
        breakers.resetAll();
    }

    /**
     * The last request that is not {@link #warmUp}'s: an attempt of it abandoned at its timeout may
     * still reach the stand-in after the journal was cleared (a retried call sends the same body again).
     */
    private static LoggedRequest notWarmUp(List<LoggedRequest> requests) {
        List<LoggedRequest> real = requests.stream().filter(r -> !r.getBodyAsString().contains(WARM)).toList();
        assertFalse(real.isEmpty(), "the stand-in received the request");
        return real.get(real.size() - 1);
    }

    /** As the job runner does: fitted to the provider, then made; the fitted file removed. */
    private List<InputFitting.Adjustment> generate(ImageProvider provider, GenerationRequest request) {
        InputFitting.Fitted fitted = fitting.fit(provider, request);
        try {
            MediaFiles.deleteQuietly(provider.generate(fitted.request(), p -> {
            }).file());
            return fitted.adjustments();
        } finally {
            fitted.cleanUp();
        }
    }

    private static String field(JsonNode body, String name) {
        JsonNode value = body.findValue(name);
        assertNotNull(value, "no " + name + " in " + body);
        return value.asText();
    }

    /** Words of 3–9 letters, {@code length} characters in all. */
    private static String words(int length) {
        StringBuilder text = new StringBuilder();
        int word = 0;
        while (text.length() < length) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append("lighthouse".substring(0, 3 + word++ % 7));
        }
        return text.substring(0, length).strip();
    }

    private static byte[] transparentPng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, 0, new Color(240, 180, 60)));
        g.fillRect(0, height / 4, width, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
