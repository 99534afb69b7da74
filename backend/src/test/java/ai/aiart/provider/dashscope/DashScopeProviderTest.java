package ai.aiart.provider.dashscope;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aiart.generation.JobKind;
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
class DashScopeProviderTest {

    private static final String IMAGES = "/api/v1/services/aigc/text2image/image-synthesis";
    private static final String VIDEOS = "/api/v1/services/aigc/video-generation/video-synthesis";
    private static final String TASK = "/api/v1/tasks/abc";
    private static final String PENDING = "{\"request_id\":\"r-1\",\"output\":{\"task_id\":\"abc\",\"task_status\":\"PENDING\"}}";
    private static final byte[] PICTURE = TestMedia.png(96, 54);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    DashScopeProvider dashscope;

    @Inject
    ProviderChain chain;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    @Test
    void aPictureTaskIsSubmittedPolledUntilItSucceedsAndDownloaded() throws IOException {
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        stubTask("PENDING", "RUNNING", "SUCCEEDED",
                "{\"output\":{\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\",\"results\":[{\"url\":\"" + upstream.baseUrl()
                        + "/oss/abc.png\"}]},\"usage\":{\"image_count\":1}}");
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
                .withRequestBody(equalToJson("{\"model\":\"wanx2.1-t2i-turbo\",\"input\":{\"prompt\":\"a red fox in snow\","
                        + "\"negative_prompt\":\"people\"},\"parameters\":{\"size\":\"1024*576\",\"n\":1,\"seed\":42}}")));
        upstream.verify(3, getRequestedFor(urlEqualTo(TASK))
                .withHeader("Authorization", equalTo("Bearer " + WireMockUpstreams.DASHSCOPE_KEY)));
        upstream.verify(1, getRequestedFor(urlEqualTo("/oss/abc.png")));
        assertFalse(progress.isEmpty(), "progress is reported while polling");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
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
    void aPassingErrorWhilePollingDoesNotStartTheTaskAgain() {
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING)));
        upstream.stubFor(get(TASK).inScenario("poll").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(error(500, "InternalError")));
        upstream.stubFor(get(TASK).inScenario("poll").whenScenarioStateIs("ok").willReturn(okJson("{\"output\":{"
                + "\"task_id\":\"abc\",\"task_status\":\"SUCCEEDED\",\"results\":[{\"url\":\"" + upstream.baseUrl()
                + "/oss/abc.png\"}]}}")));
        upstream.stubFor(get("/oss/abc.png").willReturn(aResponse().withBody(PICTURE)));

        GeneratedMedia media = dashscope.generate(TestMedia.textToImage("steady", "1:1", null, 2), p -> {
        });
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES)));
        upstream.verify(2, getRequestedFor(urlEqualTo(TASK)));
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
    void aSlowSubmissionTimesOut() throws InterruptedException {
        int slow = (int) ProviderTestProfile.TIMEOUT_MILLIS + 600;
        upstream.stubFor(post(IMAGES).willReturn(okJson(PENDING).withFixedDelay(slow)));

        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("slow", "1:1", null, 4), p -> {
                }));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals("provider_timeout", e.code());
        assertTrue(waited < slow, "gave up after " + waited + " ms");
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES)));
        Thread.sleep(slow + 100 - waited); // let the abandoned answer arrive before the next test
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
    void aPromptRefusedAtSubmissionIsARefusal() {
        upstream.stubFor(post(IMAGES).willReturn(error(400, "DataInspectionFailed")));

        ProviderException e = assertThrows(ProviderException.class,
                () -> dashscope.generate(TestMedia.textToImage("forbidden words", "1:1", null, 5), p -> {
                }));

        assertTrue(e.refusal());
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGES)));
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
        assertEquals(List.of("gemini", "local"), chain.forKind(JobKind.TEXT_TO_VIDEO).stream().map(p -> p.name()).toList());
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

    private static String status(String status) {
        return "{\"request_id\":\"r-2\",\"output\":{\"task_id\":\"abc\",\"task_status\":\"" + status + "\"}}";
    }

    private static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"request_id\":\"r-3\",\"code\":\"" + code + "\",\"message\":\"" + code + " happened\"}");
    }
}
