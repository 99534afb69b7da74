package ai.aiart.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderChain;
import ai.aiart.provider.ProviderException;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestClock;
import ai.aiart.support.TestMedia;
import ai.aiart.support.WireMockUpstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class StabilityProviderTest {

    private static final String CORE = "/v2beta/stable-image/generate/core";
    private static final String SD3 = "/v2beta/stable-image/generate/sd3";
    private static final byte[] PICTURE = TestMedia.png(64, 36);
    private static final int SLOW_MILLIS = (int) ProviderTestProfile.TIMEOUT_MILLIS + 600;

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    StabilityProvider stability;

    @Inject
    ProviderChain chain;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    TestClock clock;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void textToImageSendsTheDocumentedFormAndKeepsThePicture() throws IOException {
        upstream.stubFor(post(CORE).willReturn(picture("SUCCESS")));

        GeneratedMedia media = stability.generate(
                TestMedia.request(JobKind.TEXT_TO_IMAGE, "a lighthouse at dusk", "blurry", "16:9", null, null, null), p -> {
                });

        try {
            assertEquals("image/png", media.contentType());
            assertEquals(64, media.width());
            assertEquals(36, media.height());
            assertArrayEquals(PICTURE, Files.readAllBytes(media.file()));
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(CORE))
                .withHeader("Authorization", equalTo("Bearer " + WireMockUpstreams.STABILITY_KEY))
                .withHeader("Accept", containing("image/*"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withAnyRequestBodyPart(aMultipart("prompt").withBody(equalTo("a lighthouse at dusk")))
                .withAnyRequestBodyPart(aMultipart("negative_prompt").withBody(equalTo("blurry")))
                .withAnyRequestBodyPart(aMultipart("aspect_ratio").withBody(equalTo("16:9")))
                .withAnyRequestBodyPart(aMultipart("seed").withBody(equalTo("42")))
                .withAnyRequestBodyPart(aMultipart("output_format").withBody(equalTo("png"))));
    }

    @Test
    void imageToImageSendsTheUploadToSd3() {
        byte[] upload = TestMedia.png(40, 30);
        upstream.stubFor(post(SD3).willReturn(picture("SUCCESS")));

        GeneratedMedia media = stability.generate(TestMedia.request(JobKind.IMAGE_TO_IMAGE, "make it watercolor", null, "4:3",
                TestMedia.upload(upload, 40, 30), 0.35, null), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(1, postRequestedFor(urlEqualTo(SD3))
                .withAnyRequestBodyPart(aMultipart("mode").withBody(equalTo("image-to-image")))
                .withAnyRequestBodyPart(aMultipart("image").withBody(binaryEqualTo(upload)))
                .withAnyRequestBodyPart(aMultipart("strength").withBody(equalTo("0.35")))
                .withAnyRequestBodyPart(aMultipart("model").withBody(equalTo("sd3.5-large")))
                .withAnyRequestBodyPart(aMultipart("prompt").withBody(equalTo("make it watercolor"))));
        LoggedRequest sent = upstream.getAllServeEvents().get(0).getRequest();
        assertNull(sent.getPart("aspect_ratio"), "image-to-image takes its shape from the upload");
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenSucceeds() {
        upstream.stubFor(post(CORE).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(error(429, "rate_limit_exceeded").withHeader("Retry-After", "1")));
        upstream.stubFor(post(CORE).inScenario("busy").whenScenarioStateIs("free").willReturn(picture("SUCCESS")));

        long start = System.nanoTime();
        GeneratedMedia media = stability.generate(TestMedia.textToImage("busy harbour", "1:1", null, 1), p -> {
        });
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(2, postRequestedFor(urlEqualTo(CORE)));
        assertTrue(waited >= 1000, "waited " + waited + " ms, Retry-After asked for 1 s");
        assertTrue(waited < 1000 + ProviderTestProfile.TIMEOUT_MILLIS, "waited " + waited + " ms");
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterPassesStabilityOverForItsMinuteWithoutRetrying() {
        upstream.stubFor(post(CORE).inScenario("timeout").whenScenarioStateIs(STARTED).willSetStateTo("over")
                .willReturn(error(429, "rate_limit_exceeded")));
        upstream.stubFor(post(CORE).inScenario("timeout").whenScenarioStateIs("over").willReturn(picture("SUCCESS")));

        for (int i = 0; i < 2; i++) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> stability.generate(TestMedia.textToImage("rush hour", "1:1", null, 9), p -> {
                    }));
            assertEquals("provider_busy", e.code());
            assertFalse(e.refusal());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(CORE))); // no retry, and the second job was not sent
        // the chain passes Stability over meanwhile, and health says why
        assertTrue(stability.pausedUntil().isPresent());
        assertFalse(chain.forKind(JobKind.TEXT_TO_IMAGE).stream().anyMatch(p -> p.name().equals("stability")));
        io.restassured.RestAssured.given().get("/api/v1/health").then().statusCode(200)
                .body("providers.stability", org.hamcrest.Matchers.equalTo("paused"));

        clock.advance(Duration.ofSeconds(61));
        assertEquals("up", chain.states().get("stability"));
        GeneratedMedia media = stability.generate(TestMedia.textToImage("rush hour over", "1:1", null, 9), p -> {
        });
        MediaFiles.deleteQuietly(media.file());
        upstream.verify(2, postRequestedFor(urlEqualTo(CORE)));
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        upstream.stubFor(post(CORE).willReturn(error(500, "internal_error")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> stability.generate(TestMedia.textToImage("storm", "1:1", null, 2), p -> {
                }));

        upstream.verify(3, postRequestedFor(urlEqualTo(CORE)));
        assertFalse(e.refusal());
        assertEquals("The image service is having trouble right now.", e.getMessage());
    }

    @Test
    void aSlowAnswerTimesOutWithoutRetrying() throws InterruptedException {
        upstream.stubFor(post(CORE).willReturn(picture("SUCCESS").withFixedDelay(SLOW_MILLIS)));

        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class,
                () -> stability.generate(TestMedia.textToImage("slow boat", "1:1", null, 3), p -> {
                }));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals("provider_timeout", e.code());
        assertEquals("The image service took too long to answer.", e.getMessage());
        assertTrue(waited < SLOW_MILLIS, "gave up after " + waited + " ms");
        upstream.verify(1, postRequestedFor(urlEqualTo(CORE)));
        Thread.sleep(SLOW_MILLIS + 100 - waited); // let the abandoned answer arrive before the next test
    }

    @Test
    void filteredContentIsARefusalAndIsNotRetried() {
        upstream.stubFor(post(CORE).willReturn(picture("CONTENT_FILTERED")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> stability.generate(TestMedia.textToImage("something forbidden", "1:1", null, 4), p -> {
                }));

        assertTrue(e.refusal());
        assertTrue(e.getMessage().startsWith("The image service declined this request under its content policy"), e.getMessage());
        upstream.verify(1, postRequestedFor(urlEqualTo(CORE)));
    }

    @Test
    void aModerationErrorIsARefusalToo() {
        upstream.stubFor(post(CORE).willReturn(error(403, "content_moderation")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> stability.generate(TestMedia.textToImage("flagged words", "1:1", null, 5), p -> {
                }));

        assertTrue(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(CORE)));
    }

    @Test
    void badRequestsAreNotRetriedAndDoNotTripTheBreaker() {
        upstream.stubFor(post(CORE).willReturn(error(400, "bad_request")));

        for (int i = 0; i < 8; i++) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> stability.generate(TestMedia.textToImage("odd request", "1:1", null, 6), p -> {
                    }));
            assertFalse(e.refusal());
            assertEquals("The image service could not accept this request.", e.getMessage());
        }

        upstream.verify(8, postRequestedFor(urlEqualTo(CORE)));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(StabilityProvider.NAME));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndTheChainSkipsStability() {
        upstream.stubFor(post(CORE).willReturn(error(503, "service_unavailable")));
        assertEquals(StabilityProvider.NAME, chain.forKind(JobKind.TEXT_TO_IMAGE).get(0).name());

        for (int i = 0; i < 2; i++) { // 3 attempts each: 6 failures fill the breaker's window
            assertThrows(ProviderException.class, () -> stability.generate(TestMedia.textToImage("outage", "1:1", null, 7), p -> {
            }));
        }

        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(StabilityProvider.NAME));
        assertEquals("open", chain.state(stability));
        assertFalse(chain.forKind(JobKind.TEXT_TO_IMAGE).stream().anyMatch(p -> p.name().equals(StabilityProvider.NAME)));
        ProviderException e = assertThrows(ProviderException.class,
                () -> stability.generate(TestMedia.textToImage("outage", "1:1", null, 8), p -> {
                }));
        assertEquals("provider_unavailable", e.code());
        upstream.verify(6, postRequestedFor(urlEqualTo(CORE)));
    }

    private static ResponseDefinitionBuilder picture(String finishReason) {
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withHeader("finish-reason", finishReason)
                .withHeader("seed", "42").withBody(PICTURE);
    }

    private static ResponseDefinitionBuilder error(int status, String name) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"e0f3c1\",\"name\":\"" + name + "\",\"errors\":[\"" + name.replace('_', ' ') + "\"]}");
    }
}
