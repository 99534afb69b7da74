package ai.aiart.provider.dashscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * DashScope as configured by default: Qwen-Image for pictures (one synchronous request), Wan for
 * videos (tasks). Wan pictures, still selectable by model name, are in {@link DashScopeWanImageTest}.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class DashScopeProviderTest {

    static final String QWEN = "/api/v1/services/aigc/multimodal-generation/generation";
    static final String IMAGES = "/api/v1/services/aigc/text2image/image-synthesis";
    private static final String VIDEOS = "/api/v1/services/aigc/video-generation/video-synthesis";
    static final String TASK = "/api/v1/tasks/abc";
    static final String PENDING = "{\"request_id\":\"r-1\",\"output\":{\"task_id\":\"abc\",\"task_status\":\"PENDING\"}}";
    static final byte[] PICTURE = TestMedia.png(96, 54);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    DashScopeProvider dashscope;

    @Inject
    ProviderChain chain;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** Whether this application has made its first DashScope calls yet (see {@link #warmUp}). */
    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            warmUp(upstream, dashscope);
            warm = true;
        }
        upstream.resetAll();
        breakers.resetAll();
    }

    /**
     * The first calls through fresh REST clients load and compile enough code to overrun the test
     * profile's 1.5 s timeout on a busy machine, failing whichever test happens to run first.
     * One picture and one video task, their outcome ignored, keep every test about DashScope.
     */
    static void warmUp(WireMockServer upstream, DashScopeProvider dashscope) {
        upstream.stubFor(post(QWEN).willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/warm.png"))));
        upstream.stubFor(get("/oss/warm.png").willReturn(aResponse().withBody(PICTURE)));
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        upstream.stubFor(post(VIDEOS).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).willReturn(okJson("{\"output\":{\"task_id\":\"abc\",\"task_status\":\"FAILED\"}}")));
        for (JobKind kind : List.of(JobKind.TEXT_TO_IMAGE, JobKind.TEXT_TO_VIDEO)) {
            try {
                MediaFiles.deleteQuietly(dashscope.generate(
                        TestMedia.request(kind, "warm-up", null, "1:1", null, null, 5), p -> {
                        }).file());
            } catch (ProviderException e) {
                // expected for a task, and possible for anything on a slow first call
            }
        }
    }

    @Test
    void aQwenPictureIsDrawnInOneRequestAndDownloaded() throws IOException {
        upstream.stubFor(post(QWEN).willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/qwen.png"))));
        upstream.stubFor(get("/oss/qwen.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PICTURE)));
        List<Double> progress = new ArrayList<>();

        GeneratedMedia media = dashscope.generate(
                TestMedia.request(JobKind.TEXT_TO_IMAGE, "a red fox in snow", "people", "16:9", null, null, null), progress::add);

        try {
            assertEquals("image/png", media.contentType());
            assertEquals(96, media.width(), "the size is read from the picture, not from usage");
            assertEquals(54, media.height());
            assertArrayEquals(PICTURE, Files.readAllBytes(media.file()));
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN))
                .withHeader("Authorization", equalTo("Bearer " + WireMockUpstreams.DASHSCOPE_KEY))
                .withHeader("Content-Type", containing("application/json"))
                .withoutHeader("X-DashScope-Async")
                .withRequestBody(equalToJson("{\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"text\":\"a red fox in snow\"}]}]},\"parameters\":{\"negative_prompt\":\"people\","
                        + "\"size\":\"1664*928\",\"n\":1,\"prompt_extend\":false,\"watermark\":false,\"seed\":42}}")));
        upstream.verify(0, postRequestedFor(urlEqualTo(IMAGES)));
        upstream.verify(0, getRequestedFor(urlMatching("/api/v1/tasks/.*")));
        upstream.verify(1, getRequestedFor(urlEqualTo("/oss/qwen.png")));
    }

    @Test
    void qwenIsAskedForTheFixedSizeNearestTheShapeAndLeavesOutWhatIsNotGiven() {
        upstream.stubFor(post(QWEN).willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/qwen.png"))));
        upstream.stubFor(get("/oss/qwen.png").willReturn(aResponse().withBody(PICTURE)));

        GeneratedMedia media = dashscope.generate(TestMedia.textToImage("a tall lighthouse", "2:3", null, 7), p -> {
        });
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN))
                .withRequestBody(matchingJsonPath("$.parameters.size", equalTo("1104*1472")))
                .withRequestBody(matchingJsonPath("$.parameters.seed", equalTo("7")))
                .withRequestBody(notContaining("negative_prompt")));
    }

    @Test
    void aBusyQwenRequestWaitsForRetryAfterAndIsSentOnceMore() {
        upstream.stubFor(post(QWEN).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(error(429, "Throttling.RateQuota").withHeader("Retry-After", "1")));
        upstream.stubFor(post(QWEN).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/qwen.png"))));
        upstream.stubFor(get("/oss/qwen.png").willReturn(aResponse().withBody(PICTURE)));

        long start = System.nanoTime();
        GeneratedMedia media = dashscope.generate(TestMedia.textToImage("busy day", "1:1", null, 1), p -> {
        });
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(2, postRequestedFor(urlEqualTo(QWEN)));
        assertTrue(waited >= 1000, "waited " + waited + " ms, Retry-After asked for 1 s");
    }

    @Test
    void qwenServerErrorsAreRetriedThenReported() {
        upstream.stubFor(post(QWEN).willReturn(error(500, "InternalError")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("outage", "1:1", null, 3), p -> {
                }));

        assertFalse(e.refusal());
        assertEquals("The image service is having trouble right now.", e.getMessage());
        upstream.verify(3, postRequestedFor(urlEqualTo(QWEN)));
    }

    @Test
    void aQwenPromptFailingContentInspectionIsARefusalAndIsNotRetried() {
        upstream.stubFor(post(QWEN).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"request_id\":\"r-4\",\"code\":\"DataInspectionFailed\","
                        + "\"message\":\"Input data may contain inappropriate content.\"}")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("forbidden words", "1:1", null, 5), p -> {
                }));

        assertTrue(e.refusal());
        assertTrue(e.getMessage().startsWith("The image service declined this request under its content policy"));
        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN)));
    }

    @Test
    void aQwenParameterQwenDoesNotAcceptIsRejectedWithoutRetries() {
        upstream.stubFor(post(QWEN).willReturn(error(400, "InvalidParameter")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("odd size", "1:1", null, 6), p -> {
                }));

        assertFalse(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN)));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DashScopeProvider.NAME));
    }

    @Test
    void aQwenAnswerWithoutAPictureFailsWithoutRetries() {
        upstream.stubFor(post(QWEN).willReturn(okJson("{\"output\":{\"choices\":[{\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":[]}}]},\"request_id\":\"r-5\"}")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("nothing", "1:1", null, 8), p -> {
                }));

        assertFalse(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN)));
    }

    @Test
    void aSlowQwenAnswerTimesOut() throws InterruptedException {
        int slow = (int) ProviderTestProfile.TIMEOUT_MILLIS + 600;
        upstream.stubFor(post(QWEN).willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/qwen.png")).withFixedDelay(slow)));

        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("slow", "1:1", null, 4), p -> {
                }));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals("provider_timeout", e.code());
        assertTrue(waited < slow, "gave up after " + waited + " ms");
        upstream.verify(1, postRequestedFor(urlEqualTo(QWEN)));
        Thread.sleep(slow + 100 - waited); // let the abandoned answer arrive before the next test
    }

    @Test
    void aThirdPictureOfOneModelWhileTwoAreDrawnIsRefusedBusyWithoutARequest() throws Exception {
        // DashScope runs 2 tasks of a model at once (tasks-per-model): two slow drawings hold both slots
        upstream.stubFor(post(QWEN).willReturn(okJson(qwenAnswer(upstream.baseUrl() + "/oss/qwen.png")).withFixedDelay(1000)));
        upstream.stubFor(get("/oss/qwen.png").willReturn(aResponse().withBody(PICTURE)));
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(two.submit(() -> {
                    try {
                        MediaFiles.deleteQuietly(dashscope.generate(TestMedia.textToImage("a slow fox", "1:1", null, 1), p -> {
                        }).file());
                    } catch (ProviderException e) {
                        // a drawing past the profile's timeout on a loaded machine: the slot was still held
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (upstream.findAll(postRequestedFor(urlEqualTo(QWEN))).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, upstream.findAll(postRequestedFor(urlEqualTo(QWEN))).size(), "both drawings under way");

            ProviderException busy = assertThrows(ProviderException.class,
                    () -> dashscope.generate(TestMedia.textToImage("a third fox", "1:1", null, 1), p -> {
                    }));

            assertEquals("provider_busy", busy.code());
            assertFalse(busy.refusal());
            for (java.util.concurrent.Future<?> f : held) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            upstream.verify(2, postRequestedFor(urlEqualTo(QWEN))); // the third was never sent
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void textToVideoAsksForAWanSizeAndReadsTheVideo() {
        upstream.stubFor(post(VIDEOS).willReturn(okJson(PENDING)));
        stubTask("RUNNING", "RUNNING", "SUCCEEDED", "{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\","
                + "\"video_url\":\"" + upstream.baseUrl() + "/oss/abc.mp4\"},\"usage\":{\"video_duration\":5}}");
        upstream.stubFor(get("/oss/abc.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(TestMedia.mp4(832, 480, 5))));

        GeneratedMedia media = dashscope.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "waves on a beach", null, "16:9", null, null, 4), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        assertEquals("video/mp4", media.contentType());
        assertEquals(832, media.width());
        assertEquals(480, media.height());
        assertEquals(5.0, media.durationSeconds());
        upstream.verify(1, postRequestedFor(urlEqualTo(VIDEOS)).withRequestBody(equalToJson(
                "{\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"waves on a beach\"},"
                        + "\"parameters\":{\"size\":\"832*480\",\"duration\":5,\"seed\":42}}")));
    }

    @Test
    void imageToVideoSendsTheUploadAsADataUri() {
        byte[] upload = TestMedia.png(32, 32);
        upstream.stubFor(post(VIDEOS).willReturn(okJson(PENDING)));
        stubTask("RUNNING", "RUNNING", "SUCCEEDED", "{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\","
                + "\"video_url\":\"" + upstream.baseUrl() + "/oss/abc.mp4\"}}");
        upstream.stubFor(get("/oss/abc.mp4").willReturn(aResponse().withBody(TestMedia.mp4(480, 480, 5))));

        GeneratedMedia media = dashscope.generate(TestMedia.request(JobKind.IMAGE_TO_VIDEO, "the cat blinks", null, "1:1",
                TestMedia.upload(upload, 32, 32), null, null), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        assertEquals(480, media.width());
        upstream.verify(1, postRequestedFor(urlEqualTo(VIDEOS))
                .withRequestBody(matchingJsonPath("$.model", equalTo("wan2.2-i2v-plus")))
                .withRequestBody(matchingJsonPath("$.input.img_url",
                        equalTo("data:image/png;base64," + Base64.getEncoder().encodeToString(upload))))
                .withRequestBody(matchingJsonPath("$.parameters.resolution", equalTo("480P"))));
    }

    @Test
    void aPassingErrorWhilePollingDoesNotStartTheTaskAgain() {
        upstream.stubFor(post(VIDEOS).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).inScenario("poll").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(error(500, "InternalError")));
        upstream.stubFor(get(TASK).inScenario("poll").whenScenarioStateIs("ok").willReturn(okJson("{\"output\":{"
                + "\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\",\"video_url\":\"" + upstream.baseUrl()
                + "/oss/abc.mp4\"}}")));
        upstream.stubFor(get("/oss/abc.mp4").willReturn(aResponse().withBody(TestMedia.mp4(832, 480, 5))));

        GeneratedMedia media = dashscope.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "steady", null, "16:9", null, null, 5), p -> {
                });
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(1, postRequestedFor(urlEqualTo(VIDEOS)));
        upstream.verify(2, getRequestedFor(urlEqualTo(TASK)));
    }

    @Test
    void aTaskFailingContentInspectionIsARefusalAndIsNotRetried() {
        upstream.stubFor(post(VIDEOS).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).willReturn(okJson("{\"output\":{\"task_id\":\"abc\",\"task_status\":\"FAILED\","
                + "\"code\":\"DataInspectionFailed\",\"message\":\"Output data may contain inappropriate content.\"}}")));

        ProviderException e = assertThrows(ProviderException.class, () -> dashscope.generate(
                TestMedia.request(JobKind.TEXT_TO_VIDEO, "forbidden scene", null, "16:9", null, null, 5), p -> {
                }));

        assertTrue(e.refusal());
        assertTrue(e.getMessage().startsWith("The video service declined this request under its content policy"));
        upstream.verify(1, postRequestedFor(urlEqualTo(VIDEOS)));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndVideoChainsSkipDashScope() {
        upstream.stubFor(post(VIDEOS).willReturn(error(502, "BadGateway")));
        assertEquals(DashScopeProvider.NAME, chain.forKind(JobKind.TEXT_TO_VIDEO).get(0).name());

        for (int i = 0; i < 2; i++) {
            assertThrows(ProviderException.class, () -> dashscope.generate(
                    TestMedia.request(JobKind.TEXT_TO_VIDEO, "outage", null, "16:9", null, null, 5), p -> {
                    }));
        }

        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(DashScopeProvider.NAME));
        assertEquals(List.of("local"), chain.forKind(JobKind.TEXT_TO_VIDEO).stream().map(p -> p.name()).toList());
        upstream.verify(6, postRequestedFor(urlEqualTo(VIDEOS)));
    }

    private void stubTask(String first, String second, String third, String finalBody) {
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs(STARTED).willSetStateTo("2")
                .willReturn(okJson(status(first))));
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(okJson(status(second))));
        upstream.stubFor(get(TASK).inScenario("task").whenScenarioStateIs("3").willReturn(okJson(finalBody)));
        assertEquals("SUCCEEDED", third);
    }

    /** Qwen-Image's answer when the picture is drawn (docs/PROVIDERS.md). */
    static String qwenAnswer(String imageUrl) {
        return "{\"output\":{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"image\":\"" + imageUrl + "\"}]}}],\"task_metric\":{\"TOTAL\":1,\"SUCCEEDED\":1,\"FAILED\":0}},"
                + "\"usage\":{\"width\":1664,\"height\":928,\"image_count\":1},\"request_id\":\"r-q\"}";
    }

    /** A task-status answer with this status (the Wan picture tests share it). */
    static String status(String status) {
        return "{\"request_id\":\"r-2\",\"output\":{\"task_id\":\"abc\",\"task_status\":\"" + status + "\"}}";
    }

    static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"request_id\":\"r-3\",\"code\":\"" + code + "\",\"message\":\"" + code + " happened\"}");
    }
}
