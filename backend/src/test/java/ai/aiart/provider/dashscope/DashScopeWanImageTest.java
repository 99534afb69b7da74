package ai.aiart.provider.dashscope;

import static ai.aiart.provider.dashscope.DashScopeProviderTest.error;
import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.gemini.GeminiProvider;
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

/**
 * Wan stays selectable for pictures: with {@code text-to-image-model} set to a Wan model, a
 * picture is an asynchronous image-synthesis task again, with Wan's body and sizes. The same
 * application has a retired Gemini picture id, to show such a job falling through the chain.
 */
@QuarkusTest
@TestProfile(DashScopeWanImageTest.WanPictures.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class DashScopeWanImageTest {

    // the endpoints, answers and picture of DashScopeProviderTest
    private static final String IMAGES = DashScopeProviderTest.IMAGES;
    private static final String TASK = DashScopeProviderTest.TASK;
    private static final String PENDING = DashScopeProviderTest.PENDING;
    private static final byte[] PICTURE = DashScopeProviderTest.PICTURE;

    /** Gemini's Imagen id, shut down on the Gemini API (docs/PROVIDERS.md): the stand-in answers 404 NOT_FOUND. */
    static final String RETIRED_GEMINI_MODEL = "imagen-4.0-generate-001";

    /** The provider test profile with a Wan text-to-image model and a retired Gemini picture model. */
    public static class WanPictures extends ProviderTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("aiart.providers.dashscope.text-to-image-model", "wan2.2-t2i-flash");
            config.put("aiart.providers.gemini.image-model", RETIRED_GEMINI_MODEL);
            return config;
        }
    }

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    DashScopeProvider dashscope;

    @Inject
    GeminiProvider geminiProvider;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** Whether this application has made its first DashScope calls yet (see {@link DashScopeProviderTest#warmUp}). */
    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            DashScopeProviderTest.warmUp(upstream, dashscope);
            warm = true;
        }
        upstream.resetAll();
        breakers.resetAll();
    }

    @Test
    void aPictureTaskIsSubmittedPolledUntilItSucceedsAndDownloaded() throws IOException {
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs(STARTED).willSetStateTo("2")
                .willReturn(okJson(status("PENDING"))));
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(okJson(status("RUNNING"))));
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs("3").willReturn(okJson(
                "{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\",\"results\":[{\"url\":\"" + upstream.baseUrl()
                        + "/oss/abc.png\"}]},\"usage\":{\"image_count\":1}}")));
        upstream.stubFor(get("/oss/abc.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PICTURE)));
        List<Double> progress = new ArrayList<>();

        GeneratedMedia media = dashscope.generate(
                TestMedia.request(JobKind.TEXT_TO_IMAGE, "a red fox in snow", "people", "16:9", null, null, null), progress::add);

        try {
            assertEquals("image/png", media.contentType());
            assertEquals(96, media.width());
            assertEquals(54, media.height());
            assertArrayEquals(PICTURE, Files.readAllBytes(media.file()));
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockUpstreams.DASHSCOPE_KEY))
                .withHeader("X-DashScope-Async", equalTo("enable"))
                .withRequestBody(equalToJson("{\"model\":\"wan2.2-t2i-flash\",\"input\":{\"prompt\":\"a red fox in snow\","
                        + "\"negative_prompt\":\"people\"},\"parameters\":{\"size\":\"1024*576\",\"n\":1,\"seed\":42}}")));
        upstream.verify(0, postRequestedFor(urlEqualTo(DashScopeProviderTest.QWEN)));
        upstream.verify(3, getRequestedFor(urlEqualTo(TASK))
                .withHeader("Authorization", equalTo("Bearer " + WireMockUpstreams.DASHSCOPE_KEY)));
        upstream.verify(1, getRequestedFor(urlEqualTo("/oss/abc.png")));
        assertFalse(progress.isEmpty(), "progress is reported while polling");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void aBusySubmissionWaitsForRetryAfterAndIsNotDoubled() {
        upstream.stubFor(post(IMAGES).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(error(429, "Throttling.RateQuota").withHeader("Retry-After", "1")));
        upstream.stubFor(post(IMAGES).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).willReturn(okJson("{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\","
                + "\"results\":[{\"url\":\"" + upstream.baseUrl() + "/oss/abc.png\"}]}}")));
        upstream.stubFor(get("/oss/abc.png").willReturn(aResponse().withBody(PICTURE)));

        long start = System.nanoTime();
        GeneratedMedia media = dashscope.generate(TestMedia.textToImage("busy day", "1:1", null, 1), p -> {
        });
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(2, postRequestedFor(urlEqualTo(IMAGES)));
        upstream.verify(1, getRequestedFor(urlEqualTo(TASK)));
        assertTrue(waited >= 1000, "waited " + waited + " ms, Retry-After asked for 1 s");
    }

    @Test
    void serverErrorsOnSubmissionAreRetriedThenReported() {
        upstream.stubFor(post(IMAGES).willReturn(error(500, "InternalError")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("outage", "1:1", null, 3), p -> {
                }));

        assertFalse(e.refusal());
        assertEquals("The image service is having trouble right now.", e.getMessage());
        upstream.verify(3, postRequestedFor(urlEqualTo(IMAGES)));
    }

    @Test
    void aPromptRefusedAtSubmissionIsARefusal() {
        upstream.stubFor(post(IMAGES).willReturn(error(400, "DataInspectionFailed")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("forbidden words", "1:1", null, 5), p -> {
                }));

        assertTrue(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES)));
    }

    @Test
    void aFilteredResultIsARefusal() {
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).willReturn(okJson("{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\","
                + "\"results\":[{\"code\":\"DataInspectionFailed\",\"message\":\"Output data may contain inappropriate content.\"}]}}")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("forbidden result", "1:1", null, 9), p -> {
                }));

        assertTrue(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES)));
    }

    @Test
    void aJobMeetingARetiredModelIdFallsThroughTheChainAndTheIdCountsAgainstTheBreaker() {
        String gemini = "/v1beta/models/" + RETIRED_GEMINI_MODEL + ":generateContent";
        upstream.stubFor(post("/v2beta/stable-image/generate/core").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"e1\",\"name\":\"internal_error\",\"errors\":[\"try again\"]}")));
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).willReturn(okJson("{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\","
                + "\"results\":[{\"url\":\"" + upstream.baseUrl() + "/oss/abc.png\"}]}}")));
        upstream.stubFor(get("/oss/abc.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PICTURE)));

        awaitTerminal(submit("{\"prompt\":\"a lantern on a pier\"}"), Duration.ofSeconds(20))
                .body("status", is("succeeded"))
                .body("provider", is("dashscope"));

        // no stub for the retired id: the stand-in answers as Google does, and it is not retried
        upstream.verify(1, postRequestedFor(urlEqualTo(gemini)));
        for (int i = 0; i < 5; i++) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> geminiProvider.generate(TestMedia.textToImage("retired", "1:1", null, 11), p -> {
                    }));
            assertEquals("provider_unavailable", e.code());
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(GeminiProvider.NAME));
    }

    private static String status(String status) {
        return DashScopeProviderTest.status(status);
    }
}
