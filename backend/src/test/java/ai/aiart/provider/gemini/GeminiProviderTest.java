package ai.aiart.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderChain;
import ai.aiart.provider.ProviderException;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
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
class GeminiProviderTest {

    /** Text-to-image and image-to-image share the default model. */
    private static final String IMAGE = "/v1beta/models/gemini-nano-banana-2.1:generateContent";
    private static final String EDIT = IMAGE;
    private static final String VEO = "/v1beta/models/veo-3.1-generate-preview:predictLongRunning";
    private static final String OPERATION = "/v1beta/models/veo-3.1-generate-preview/operations/abc";
    private static final String FILE = "/v1beta/files/abc:download?alt=media";
    private static final byte[] PICTURE = TestMedia.png(80, 45);
    private static final String PICTURE_64 = Base64.getEncoder().encodeToString(PICTURE);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    GeminiProvider gemini;

    @Inject
    ProviderChain chain;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** Whether this application has made its first Gemini call yet. */
    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            warmUp();
            warm = true;
        }
        upstream.resetAll();
        breakers.resetAll();
    }

    /**
     * The first call through a fresh REST client can overrun the profile's 1.5 s timeout on a busy
     * machine (see DashScopeProviderTest.warmUp), failing whichever test happens to run first.
     */
    private void warmUp() {
        upstream.stubFor(post(IMAGE).willReturn(okJson(pictureAnswer())));
        try {
            MediaFiles.deleteQuietly(gemini.generate(TestMedia.textToImage("warm-up", "1:1", null, 1), p -> {
            }).file());
        } catch (ProviderException e) {
            // possible on a slow first call; the tests start afresh
        }
    }

    @Test
    void textToImageAsksTheImageModelForThePictureAtTheNearestRatio() throws IOException {
        upstream.stubFor(post(IMAGE).willReturn(okJson(pictureAnswer())));

        GeneratedMedia media = gemini.generate(
                TestMedia.request(JobKind.TEXT_TO_IMAGE, "a paper boat on a pond", null, "16:9", null, null, null), p -> {
                });

        try {
            assertEquals("image/png", media.contentType());
            assertEquals(80, media.width());
            assertEquals(45, media.height());
            assertArrayEquals(PICTURE, Files.readAllBytes(media.file()));
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGE))
                .withHeader("x-goog-api-key", equalTo(WireMockUpstreams.GEMINI_KEY))
                .withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
                        + "\"a paper boat on a pond\"}]}],\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"],"
                        + "\"imageConfig\":{\"aspectRatio\":\"16:9\"}}}")));
    }

    @Test
    void imageToImageSendsThePictureInlineAndAcceptsSnakeCaseAnswers() throws IOException {
        byte[] upload = TestMedia.png(20, 20);
        upstream.stubFor(post(EDIT).willReturn(okJson("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Here it is.\"},{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"" + PICTURE_64 + "\"}}]},"
                + "\"finishReason\":\"STOP\"}]}")));

        GeneratedMedia media = gemini.generate(TestMedia.request(JobKind.IMAGE_TO_IMAGE, "make it watercolor", null, "1:1",
                TestMedia.upload(upload, 20, 20), 0.5, null), p -> {
                });

        try {
            assertArrayEquals(PICTURE, Files.readAllBytes(media.file()));
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(EDIT))
                .withHeader("x-goog-api-key", equalTo(WireMockUpstreams.GEMINI_KEY))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text", equalTo("make it watercolor")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[1].inlineData.mimeType", equalTo("image/png")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[1].inlineData.data",
                        equalTo(Base64.getEncoder().encodeToString(upload))))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseModalities",
                        equalToJson("[\"TEXT\",\"IMAGE\"]")))
                .withRequestBody(matchingJsonPath("$.generationConfig.imageConfig.aspectRatio", equalTo("1:1"))));
    }

    @Test
    void anAspectRatioTheModelLacksBecomesTheNearestOneItAccepts() {
        upstream.stubFor(post(IMAGE).willReturn(okJson(pictureAnswer())));

        GeneratedMedia media = gemini.generate(TestMedia.textToImage("a wide valley", "4:5", null, 6), p -> {
        });
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGE))
                .withRequestBody(matchingJsonPath("$.generationConfig.imageConfig.aspectRatio", equalTo("3:4"))));
    }

    @Test
    void aTextOnlyAnswerIsAPlainFailureSoTheNextProviderIsTried() {
        upstream.stubFor(post(EDIT).willReturn(okJson("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Which part of the picture should change?\"}]},\"finishReason\":\"STOP\"}]}")));

        ProviderException e = assertThrows(ProviderException.class, () -> gemini.generate(TestMedia.request(
                JobKind.IMAGE_TO_IMAGE, "make it better", null, "1:1", TestMedia.upload(PICTURE, 80, 45), null, null), p -> {
                }));

        assertFalse(e.refusal());
        assertEquals("provider_error", e.code());
        upstream.verify(1, postRequestedFor(urlEqualTo(EDIT)));
    }

    /** Google's moderation signals (docs/PROVIDERS.md), each as the answer carries it. */
    @Test
    void aBlockedPromptOrASafetyFinishReasonIsARefusal() {
        List<String> answers = new java.util.ArrayList<>(List.of(
                "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":9}}",
                "{\"promptFeedback\":{\"blockReason\":\"OTHER\"}}"));
        for (String reason : List.of("SAFETY", "PROHIBITED_CONTENT", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST",
                "SPII")) {
            answers.add(finished(reason));
        }
        for (String answer : answers) {
            upstream.resetAll();
            upstream.stubFor(post(IMAGE).willReturn(okJson(answer)));

            ProviderException e = assertThrows(ProviderException.class,
                    () -> gemini.generate(TestMedia.textToImage("forbidden", "1:1", null, 7), p -> {
                    }), answer);

            assertTrue(e.refusal(), answer);
            upstream.verify(1, postRequestedFor(urlEqualTo(IMAGE)));
        }
    }

    @Test
    void finishReasonsThatAreNotModerationArePlainFailures() {
        for (String reason : List.of("NO_IMAGE", "IMAGE_OTHER", "OTHER", "RECITATION", "IMAGE_RECITATION", "MAX_TOKENS")) {
            upstream.resetAll();
            breakers.resetAll();
            upstream.stubFor(post(IMAGE).willReturn(okJson(finished(reason))));

            ProviderException e = assertThrows(ProviderException.class,
                    () -> gemini.generate(TestMedia.textToImage("a lighthouse", "1:1", null, 8), p -> {
                    }), reason);

            assertFalse(e.refusal(), reason);
            assertEquals("provider_error", e.code(), reason);
        }
    }

    @Test
    void veoIsPolledUntilDoneAndTheVideoDownloadedWithTheKey() {
        upstream.stubFor(post(VEO).willReturn(okJson("{\"name\":\"models/veo-3.1-generate-preview/operations/abc\"}")));
        upstream.stubFor(get(OPERATION).inScenario("veo").whenScenarioStateIs(STARTED).willSetStateTo("2")
                .willReturn(okJson(notDone())));
        upstream.stubFor(get(OPERATION).inScenario("veo").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(okJson(notDone())));
        upstream.stubFor(get(OPERATION).inScenario("veo").whenScenarioStateIs("3").willReturn(okJson(videoDone())));
        upstream.stubFor(get(FILE).willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(TestMedia.mp4(1280, 720, 4))));

        GeneratedMedia media = gemini.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "a hummingbird", "rain", "16:9", null, null, 4), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        assertEquals("video/mp4", media.contentType());
        assertEquals(1280, media.width());
        assertEquals(720, media.height());
        assertEquals(4.0, media.durationSeconds());
        upstream.verify(1, postRequestedFor(urlEqualTo(VEO)).withRequestBody(equalToJson("{\"instances\":[{\"prompt\":"
                + "\"a hummingbird\"}],\"parameters\":{\"aspectRatio\":\"16:9\",\"durationSeconds\":4,\"negativePrompt\":\"rain\"}}")));
        upstream.verify(3, getRequestedFor(urlEqualTo(OPERATION)).withHeader("x-goog-api-key", equalTo(WireMockUpstreams.GEMINI_KEY)));
        upstream.verify(1, getRequestedFor(urlEqualTo(FILE)).withHeader("x-goog-api-key", equalTo(WireMockUpstreams.GEMINI_KEY)));
    }

    @Test
    void imageToVideoSendsThePictureToVeo() {
        byte[] upload = TestMedia.png(24, 40);
        upstream.stubFor(post(VEO).willReturn(okJson("{\"name\":\"models/veo-3.1-generate-preview/operations/abc\"}")));
        upstream.stubFor(get(OPERATION).willReturn(okJson(videoDone())));
        upstream.stubFor(get(FILE).willReturn(aResponse().withBody(TestMedia.mp4(720, 1280, 8))));

        GeneratedMedia media = gemini.generate(TestMedia.request(JobKind.IMAGE_TO_VIDEO, "she turns her head", null, "9:16",
                TestMedia.upload(upload, 24, 40), null, 7), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        assertEquals(720, media.width());
        upstream.verify(1, postRequestedFor(urlEqualTo(VEO))
                .withRequestBody(matchingJsonPath("$.instances[0].image.bytesBase64Encoded",
                        equalTo(Base64.getEncoder().encodeToString(upload))))
                .withRequestBody(matchingJsonPath("$.instances[0].image.mimeType", equalTo("image/png")))
                .withRequestBody(matchingJsonPath("$.parameters.aspectRatio", equalTo("9:16")))
                .withRequestBody(matchingJsonPath("$.parameters.durationSeconds", equalTo("8"))));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenSucceeds() {
        upstream.stubFor(post(IMAGE).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.").withHeader("Retry-After", "1")));
        upstream.stubFor(post(IMAGE).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(pictureAnswer())));

        assertWaitedAtLeastOneSecondForTwoRequests();
    }

    @Test
    void googlesRetryInfoInTheBodyIsHonouredLikeRetryAfter() {
        upstream.stubFor(post(IMAGE).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":429,\"message\":\"Quota exceeded.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{"
                                + "\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1s\"}]}}")));
        upstream.stubFor(post(IMAGE).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(pictureAnswer())));

        assertWaitedAtLeastOneSecondForTwoRequests();
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        upstream.stubFor(post(IMAGE).willReturn(error(503, "UNAVAILABLE", "The model is overloaded.")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> gemini.generate(TestMedia.textToImage("overload", "1:1", null, 1), p -> {
                }));

        assertFalse(e.refusal());
        upstream.verify(3, postRequestedFor(urlEqualTo(IMAGE)));
    }

    @Test
    void aSlowAnswerTimesOut() throws InterruptedException {
        int slow = (int) ProviderTestProfile.TIMEOUT_MILLIS + 600;
        upstream.stubFor(post(IMAGE).willReturn(okJson(pictureAnswer()).withFixedDelay(slow)));

        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class,
                () -> gemini.generate(TestMedia.textToImage("slow", "1:1", null, 2), p -> {
                }));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals("provider_timeout", e.code());
        assertTrue(waited < slow, "gave up after " + waited + " ms");
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGE)));
        Thread.sleep(slow + 100 - waited); // let the abandoned answer arrive before the next test
    }

    /**
     * For pictures Google signals moderation in a 200 (blockReason, finish reasons), so a 400 is a
     * rejected request whatever its words, and the next provider is tried; Veo's 400 that cites
     * Google's policies stays a refusal.
     */
    @Test
    void aBadRequestSpeakingOfPoliciesIsARefusalForVeoOnly() {
        String policy = "The prompt could not be submitted. This prompt contains sensitive words that violate Google's "
                + "Responsible AI practices.";
        upstream.stubFor(post(IMAGE).willReturn(error(400, "INVALID_ARGUMENT", policy)));
        upstream.stubFor(post(VEO).willReturn(error(400, "INVALID_ARGUMENT", policy)));

        ProviderException picture = assertThrows(ProviderException.class,
                () -> gemini.generate(TestMedia.textToImage("forbidden", "1:1", null, 3), p -> {
                }));
        ProviderException video = assertThrows(ProviderException.class, () -> gemini.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "forbidden", null, "16:9", null, null, 4), p -> {
                }));

        assertFalse(picture.refusal());
        assertEquals("provider_rejected", picture.code());
        assertTrue(video.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGE)));
        upstream.verify(1, postRequestedFor(urlEqualTo(VEO)));
    }

    @Test
    void aFilteredVideoIsARefusal() {
        upstream.stubFor(post(VEO).willReturn(okJson("{\"name\":\"models/veo-3.1-generate-preview/operations/abc\"}")));
        upstream.stubFor(get(OPERATION).willReturn(okJson("{\"name\":\"models/veo-3.1-generate-preview/operations/abc\","
                + "\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1beta."
                + "PredictLongRunningResponse\",\"generateVideoResponse\":{\"raiMediaFilteredCount\":1,"
                + "\"raiMediaFilteredReasons\":[\"The video could not be generated because it violates policies.\"]}}}")));

        ProviderException e = assertThrows(ProviderException.class, () -> gemini.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "forbidden", null, "16:9", null, null, 4), p -> {
                }));

        assertTrue(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(VEO)));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndPictureChainsSkipGemini() {
        upstream.stubFor(post(IMAGE).willReturn(error(500, "INTERNAL", "An internal error has occurred.")));

        for (int i = 0; i < 2; i++) {
            assertThrows(ProviderException.class, () -> gemini.generate(TestMedia.textToImage("outage", "1:1", null, 4), p -> {
            }));
        }

        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(GeminiProvider.NAME));
        assertEquals("open", chain.state(gemini));
        assertEquals(List.of("stability", "dashscope", "local"),
                chain.forKind(JobKind.TEXT_TO_IMAGE).stream().map(p -> p.name()).toList());
        upstream.verify(6, postRequestedFor(urlEqualTo(IMAGE)));
    }

    private void assertWaitedAtLeastOneSecondForTwoRequests() {
        long start = System.nanoTime();
        GeneratedMedia media = gemini.generate(TestMedia.textToImage("busy", "1:1", null, 5), p -> {
        });
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(2, postRequestedFor(urlEqualTo(IMAGE)));
        assertTrue(waited >= 1000, "waited " + waited + " ms, the upstream asked for 1 s");
    }

    private static String pictureAnswer() {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":"
                + "\"image/png\",\"data\":\"" + PICTURE_64 + "\"}}]},\"finishReason\":\"STOP\",\"index\":0}]}";
    }

    /** A candidate without a picture, as Google sends it when generation stopped for {@code reason}. */
    private static String finished(String reason) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"" + reason + "\",\"index\":0}]}";
    }

    private static String notDone() {
        return "{\"name\":\"models/veo-3.1-generate-preview/operations/abc\",\"done\":false}";
    }

    private String videoDone() {
        return "{\"name\":\"models/veo-3.1-generate-preview/operations/abc\",\"done\":true,\"response\":{"
                + "\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + upstream.baseUrl() + FILE + "\"}}]}}}";
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + code + "\"}}");
    }
}
