package ai.aiart.provider;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aiart.provider.gemini.GeminiProvider;
import ai.aiart.provider.stability.StabilityProvider;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestMedia;
import ai.aiart.support.UpstreamModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Jobs through the HTTP API with every upstream stubbed: the chain, failover, refusals, open circuits. */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class ProviderChainJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STABILITY = "/v2beta/stable-image/generate/core";
    private static final String GEMINI_IMAGE = "/v1beta/models/gemini-nano-banana-2.1:generateContent";
    private static final byte[] STABILITY_PICTURE = TestMedia.png(64, 36);
    private static final byte[] GEMINI_PICTURE = TestMedia.png(48, 27);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ProvidersConfig config;

    @Inject
    StabilityProvider stability;

    @Inject
    GeminiProvider gemini;

    /** Whether this application has made its first Stability and Gemini calls yet. */
    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            warmUp();
            warm = true;
        }
        upstream.resetAll();
        breakers.resetAll();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /**
     * The first calls through fresh REST clients can overrun the profile's 1.5 s timeout on a busy
     * machine (see DashScopeProviderTest.warmUp), which sent the first job here to the next provider.
     */
    private void warmUp() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityPicture("SUCCESS")));
        upstream.stubFor(post(GEMINI_IMAGE).willReturn(okJson(geminiAnswer())));
        for (ImageProvider provider : List.of(stability, gemini)) {
            try {
                MediaFiles.deleteQuietly(provider.generate(TestMedia.textToImage("warm-up", "1:1", null, 1), p -> {
                }).file());
            } catch (ProviderException e) {
                // possible on a slow first call; the tests below start afresh
            }
        }
    }

    /** The stand-ins answer "not found" to ids their services do not know (UpstreamModels): the defaults are known. */
    @Test
    void theDefaultModelIdsAreOnesTheServicesKnow() {
        ProvidersConfig providers = config;
        for (String model : List.of(providers.gemini().imageModel(), providers.gemini().editModel())) {
            assertTrue(UpstreamModels.GEMINI.contains(model), model);
        }
        for (String model : List.of(providers.dashscope().textToImageModel(), providers.dashscope().textToVideoModel(),
                providers.dashscope().imageToVideoModel())) {
            assertTrue(UpstreamModels.DASHSCOPE.contains(model), model);
        }
        for (String endpoint : List.of(providers.stability().textToImageEndpoint(), providers.stability().imageToImageEndpoint())) {
            assertTrue(UpstreamModels.STABILITY_ENDPOINTS.contains(endpoint), endpoint);
        }
        // Gemini's Veo id is not among them, which is why Gemini is out of the default video chains
        assertFalse(UpstreamModels.GEMINI.contains(providers.gemini().videoModel()));
        assertFalse(providers.chain().textToVideo().contains("gemini"));
        assertFalse(providers.chain().imageToVideo().contains("gemini"));
    }

    @Test
    void aConfiguredStabilityMakesTheJob() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityPicture("SUCCESS")));

        String id = submit("{\"prompt\":\"an orange tram in Lisbon\",\"aspect_ratio\":\"16:9\"}");

        awaitTerminal(id, WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("stability"))
                .body("result.provider", equalTo("stability"))
                .body("result.content_type", equalTo("image/png"))
                .body("result.width", equalTo(64))
                .body("result.height", equalTo(36));
        assertArrayEquals(STABILITY_PICTURE, result(id));
        upstream.verify(1, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(0, postRequestedFor(urlEqualTo(GEMINI_IMAGE)));
    }

    @Test
    void whenStabilityFailsTheNextProviderInTheChainMakesTheJob() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityError(500, "internal_error")));
        upstream.stubFor(post(GEMINI_IMAGE).willReturn(okJson(geminiAnswer())));

        String id = submit("{\"prompt\":\"a green parrot on a wire\"}");

        awaitTerminal(id, WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("gemini"))
                .body("result.width", equalTo(48));
        assertArrayEquals(GEMINI_PICTURE, result(id));
        upstream.verify(3, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(1, postRequestedFor(urlEqualTo(GEMINI_IMAGE)));
    }

    @Test
    void aRefusalFailsTheJobWithItsMessageAndNoOtherProviderIsAsked() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityPicture("CONTENT_FILTERED")));
        upstream.stubFor(post(GEMINI_IMAGE).willReturn(okJson(geminiAnswer())));

        String id = submit("{\"prompt\":\"something the filter dislikes\"}");

        awaitTerminal(id, WAIT)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("content_refused"))
                .body("provider", equalTo("stability"))
                .body("error.message", startsWith("The image service declined this request under its content policy."))
                .body("result", equalTo(null));
        upstream.verify(1, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(0, postRequestedFor(urlMatching("/v1beta/.*")));
        upstream.verify(0, postRequestedFor(urlMatching("/api/v1/.*")));
    }

    @Test
    void onceStabilitysCircuitIsOpenJobsGoStraightToTheNextProvider() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityError(503, "service_unavailable")));
        upstream.stubFor(post(GEMINI_IMAGE).willReturn(okJson(geminiAnswer())));

        for (String prompt : new String[] {"first of three", "second of three"}) {
            awaitTerminal(submit("{\"prompt\":\"" + prompt + "\"}"), WAIT).body("provider", equalTo("gemini"));
        }
        upstream.verify(6, postRequestedFor(urlEqualTo(STABILITY))); // the breaker's window is full of failures
        awaitTerminal(submit("{\"prompt\":\"third of three\"}"), WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("gemini"));

        upstream.verify(6, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(3, postRequestedFor(urlEqualTo(GEMINI_IMAGE)));
    }

    private static byte[] result(String id) {
        return given().when().get("/api/v1/jobs/" + id + "/result").then().statusCode(200).extract().asByteArray();
    }

    private static ResponseDefinitionBuilder stabilityPicture(String finishReason) {
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withHeader("finish-reason", finishReason)
                .withHeader("seed", "7").withBody(STABILITY_PICTURE);
    }

    private static ResponseDefinitionBuilder stabilityError(int status, String name) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"e1\",\"name\":\"" + name + "\",\"errors\":[\"" + name + "\"]}");
    }

    private static String geminiAnswer() {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(GEMINI_PICTURE) + "\"}}]},\"finishReason\":\"STOP\"}]}";
    }
}
