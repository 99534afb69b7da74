package ai.aiart.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aiart.core.JobKind;
import ai.aiart.provider.dashscope.DashScopeProvider;
import ai.aiart.provider.gemini.GeminiProvider;
import ai.aiart.provider.stability.StabilityProvider;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestMedia;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The upstream policy is one policy (provider/upstream/UpstreamGuards, docs/PROVIDERS.md "Fault
 * tolerance"): each case runs against every upstream provider, each stubbed in its own wire format,
 * and expects the same behaviour — a busy answer's Retry-After waited out and the request sent once
 * more, a refusal neither retried nor held against the provider, a breaker named after the provider
 * that skips rejected requests and opens when half of the last six attempts failed, a bulkhead of the provider's size that
 * refuses the next call at once, a timeout that is not retried. The numbers are the production ones
 * but for the profile's timeout (1.5 s) and retry pause.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class UpstreamPolicyTest {

    static final byte[] PICTURE = TestMedia.png(64, 36);
    static final String OSS_PICTURE = "/oss/policy.png";
    static final String DASHSCOPE_VIDEOS = "/api/v1/services/aigc/video-generation/video-synthesis";
    private static final int SLOW_MILLIS = (int) ProviderTestProfile.TIMEOUT_MILLIS + 600;
    /** How long a held call's answer takes: long enough to fill the bulkhead, short of the timeout. */
    private static final int HOLD_MILLIS = (int) ProviderTestProfile.TIMEOUT_MILLIS - 300;
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Providers that have made their first call in this application (see {@link #warmUp}). */
    private static final Set<Upstream> WARM = Collections.synchronizedSet(EnumSet.noneOf(Upstream.class));

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    ProviderChain chain;

    @Inject
    CircuitBreakerMaintenance breakers;

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aBusyAnswerWithRetryAfterIsWaitedOutAndSentOnceMore(Upstream u) {
        ImageProvider provider = ready(u);
        upstream.stubFor(post(u.path).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("free")
                .willReturn(u.unavailable().withHeader("Retry-After", "1")));
        upstream.stubFor(post(u.path).inScenario("busy").whenScenarioStateIs("free").willReturn(u.picture(upstream)));

        long start = System.nanoTime();
        GeneratedMedia media = provider.generate(u.request(), p -> {
        });
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        MediaFiles.deleteQuietly(media.file());

        upstream.verify(2, postRequestedFor(urlEqualTo(u.path)));
        assertTrue(waited >= 1000, u + " waited " + waited + " ms, Retry-After asked for 1 s");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aRefusalIsNotRetried(Upstream u) {
        ImageProvider provider = ready(u);
        upstream.stubFor(post(u.path).willReturn(u.refusal()));

        ProviderException e = assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));

        assertTrue(e.refusal(), u.provider);
        assertEquals("content_refused", e.code());
        upstream.verify(1, postRequestedFor(urlEqualTo(u.path)));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(u.provider));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void theBreakerNamedAfterTheProviderSkipsRejectedRequestsAndOpensWhenHalfOfSixAttemptsFailed(Upstream u) {
        ImageProvider provider = ready(u);
        upstream.stubFor(post(u.path).willReturn(u.rejection()));
        for (int i = 0; i < 8; i++) {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
            }));
            assertEquals("provider_rejected", e.code(), u.provider);
        }
        upstream.verify(8, postRequestedFor(urlEqualTo(u.path))); // none retried
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(u.provider));

        // the rejections were answers, not failures: 3 failed attempts make half of the last 6
        upstream.resetRequests();
        upstream.stubFor(post(u.path).willReturn(u.serverError()));
        assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));
        upstream.verify(3, postRequestedFor(urlEqualTo(u.path)));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(u.provider));

        // a fresh breaker waits for 6 attempts: 2 calls of 3
        breakers.resetAll();
        upstream.resetRequests();
        assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(u.provider));
        assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(u.provider));
        assertEquals(ProviderChain.OPEN, chain.state(provider));
        assertFalse(chain.forKind(JobKind.TEXT_TO_IMAGE).stream().anyMatch(p -> p.name().equals(u.provider)));
        ProviderException open = assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));
        assertEquals("provider_unavailable", open.code());
        upstream.verify(6, postRequestedFor(urlEqualTo(u.path)));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aFullBulkheadRefusesTheNextCallAtOnce(Upstream u) throws Exception {
        ImageProvider provider = ready(u);
        double rejectedBefore = bulkheadRejections(u);
        u.stubHeld(upstream, HOLD_MILLIS);
        List<GenerationRequest> held = u.filling();
        assertEquals(u.bulkhead, held.size());
        ExecutorService pool = Executors.newFixedThreadPool(held.size());
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (GenerationRequest request : held) {
                calls.add(pool.submit(() -> {
                    try {
                        MediaFiles.deleteQuietly(provider.generate(request, p -> {
                        }).file());
                    } catch (ProviderException e) {
                        // a held call's own outcome does not matter: it held its place while it ran
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sent() < u.bulkhead && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(u.bulkhead, sent(), "every place of the bulkhead taken");

            ProviderException busy = assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
            }));

            assertEquals("provider_busy", busy.code());
            assertFalse(busy.refusal());
            assertEquals(u.bulkhead, sent(), "the call over the bulkhead was never sent");
            for (Future<?> call : calls) {
                call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the guard's bulkhead refused it (not ModelSlots), and SmallRye's metrics still name the guarded method
        assertEquals(rejectedBefore + 1, bulkheadRejections(u), 0.001);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aSlowAnswerTimesOutWithoutARetry(Upstream u) throws InterruptedException {
        ImageProvider provider = ready(u);
        upstream.stubFor(post(u.path).willReturn(u.picture(upstream).withFixedDelay(SLOW_MILLIS)));

        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class, () -> provider.generate(u.request(), p -> {
        }));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals("provider_timeout", e.code());
        assertEquals("The image service took too long to answer.", e.getMessage());
        assertTrue(waited < SLOW_MILLIS, u + " gave up after " + waited + " ms");
        upstream.verify(1, postRequestedFor(urlEqualTo(u.path)));
        Thread.sleep(SLOW_MILLIS + 100 - waited); // let the abandoned answer arrive before the next test
    }

    /** The provider, warmed up, with no stubs left and every breaker closed. */
    private ImageProvider ready(Upstream u) {
        ImageProvider provider = chain.all().stream().filter(p -> p.name().equals(u.provider)).findFirst().orElseThrow();
        if (WARM.add(u)) {
            warmUp(u, provider);
        }
        upstream.resetAll();
        breakers.resetAll();
        return provider;
    }

    /**
     * The first call through a fresh REST client can overrun the profile's 1.5 s timeout on a busy
     * machine (see DashScopeProviderTest.warmUp); its outcome is ignored.
     */
    private void warmUp(Upstream u, ImageProvider provider) {
        upstream.stubFor(post(u.path).willReturn(u.picture(upstream)));
        try {
            MediaFiles.deleteQuietly(provider.generate(u.request(), p -> {
            }).file());
        } catch (ProviderException e) {
            // possible on a slow first call
        }
    }

    /** {@code ft_bulkhead_calls_total{bulkheadResult="rejected"}} of the provider's guarded method (docs/OPERATIONS.md). */
    private static double bulkheadRejections(Upstream u) {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ft_bulkhead_calls_total{")
                && line.contains("bulkheadResult=\"rejected\"") && line.contains("method=\"" + u.method + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private int sent() {
        return upstream.findAll(postRequestedFor(anyUrl())).size();
    }

    /**
     * One upstream as its real wire format answers: where pictures are asked for, its picture, its
     * refusal, and its error body for an HTTP status and one of its own error codes.
     */
    enum Upstream {

        STABILITY(StabilityProvider.NAME, "/v2beta/stable-image/generate/core", 4, StabilityProvider.class,
                "service_unavailable", "internal_error", "bad_request") {
            @Override
            ResponseDefinitionBuilder picture(WireMockServer server) {
                return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS")
                        .withHeader("seed", "7").withBody(PICTURE);
            }

            @Override
            ResponseDefinitionBuilder refusal() {
                return error(403, "content_moderation");
            }

            @Override
            ResponseDefinitionBuilder error(int status, String name) {
                return json(status, "{\"id\":\"e0f3c1\",\"name\":\"" + name + "\",\"errors\":[\"" + name.replace('_', ' ') + "\"]}");
            }
        },

        GEMINI(GeminiProvider.NAME, "/v1beta/models/gemini-nano-banana-2.1:generateContent", 4, GeminiProvider.class,
                "UNAVAILABLE", "INTERNAL", "INVALID_ARGUMENT") {
            @Override
            ResponseDefinitionBuilder picture(WireMockServer server) {
                return okJson("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":"
                        + "\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(PICTURE) + "\"}}]},"
                        + "\"finishReason\":\"STOP\",\"index\":0}]}");
            }

            /** For pictures Google refuses in a 200: the prompt blocked. */
            @Override
            ResponseDefinitionBuilder refusal() {
                return okJson("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":7}}");
            }

            @Override
            ResponseDefinitionBuilder error(int status, String code) {
                return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"The service answered " + code
                        + ".\",\"status\":\"" + code + "\"}}");
            }
        },

        /** Pictures by Qwen-Image (one request, then the picture's link downloaded); videos by Wan tasks. */
        DASHSCOPE(DashScopeProvider.NAME, "/api/v1/services/aigc/multimodal-generation/generation", 6, DashScopeProvider.class,
                "ServiceUnavailable", "InternalError", "InvalidParameter") {
            @Override
            ResponseDefinitionBuilder picture(WireMockServer server) {
                server.stubFor(get(OSS_PICTURE).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PICTURE)));
                return okJson("{\"output\":{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":[{\"image\":\"" + server.baseUrl() + OSS_PICTURE + "\"}]}}]},"
                        + "\"usage\":{\"width\":1328,\"height\":1328,\"image_count\":1},\"request_id\":\"r-p\"}");
            }

            @Override
            ResponseDefinitionBuilder refusal() {
                return error(400, "DataInspectionFailed");
            }

            @Override
            ResponseDefinitionBuilder error(int status, String code) {
                return json(status, "{\"request_id\":\"r-e\",\"code\":\"" + code + "\",\"message\":\"" + code + " happened\"}");
            }

            /** Six at once means every model busy: 2 pictures, 2 videos from text, 2 from a picture (ModelSlots). */
            @Override
            List<GenerationRequest> filling() {
                GenerationRequest.InputImage upload = TestMedia.upload(TestMedia.png(32, 32), 32, 32);
                List<GenerationRequest> requests = new ArrayList<>(List.of(request(), request()));
                for (int i = 0; i < 2; i++) {
                    requests.add(TestMedia.request(JobKind.TEXT_TO_VIDEO, "held waves", null, "16:9", null, null, 5));
                    requests.add(TestMedia.request(JobKind.IMAGE_TO_VIDEO, "held cat", null, "1:1", upload, null, null));
                }
                return requests;
            }

            /** Wan submissions held too; their tasks then fail at the first look. */
            @Override
            void stubHeld(WireMockServer server, int millis) {
                super.stubHeld(server, millis);
                server.stubFor(post(DASHSCOPE_VIDEOS).willReturn(okJson("{\"request_id\":\"r-h\",\"output\":{\"task_id\":\"held\","
                        + "\"task_status\":\"PENDING\"}}").withFixedDelay(millis)));
                server.stubFor(get("/api/v1/tasks/held").willReturn(okJson("{\"output\":{\"task_id\":\"held\","
                        + "\"task_status\":\"FAILED\",\"code\":\"InternalError\"}}")));
            }
        };

        /** The provider's name, its guard's and its breaker's. */
        final String provider;
        /** Where a picture is asked for. */
        final String path;
        /** Calls at once, as the policy gives this provider. */
        final int bulkhead;
        /** The {@code method} tag of SmallRye's metrics for the guarded call. */
        final String method;
        /** The provider's own error codes for HTTP 503, 500 and 400. */
        private final String unavailableCode;
        private final String serverErrorCode;
        private final String rejectionCode;

        Upstream(String provider, String path, int bulkhead, Class<? extends ImageProvider> type, String unavailableCode,
                String serverErrorCode, String rejectionCode) {
            this.provider = provider;
            this.path = path;
            this.bulkhead = bulkhead;
            this.method = type.getName() + ".generate";
            this.unavailableCode = unavailableCode;
            this.serverErrorCode = serverErrorCode;
            this.rejectionCode = rejectionCode;
        }

        GenerationRequest request() {
            return TestMedia.textToImage("a lighthouse for the policy", "1:1", null, 7);
        }

        /** A picture, as the provider's answer carries it (stubbing what it links to on {@code server}). */
        abstract ResponseDefinitionBuilder picture(WireMockServer server);

        /** The provider's content-policy refusal of a picture. */
        abstract ResponseDefinitionBuilder refusal();

        /** An error answer in the provider's format. */
        abstract ResponseDefinitionBuilder error(int status, String code);

        ResponseDefinitionBuilder unavailable() {
            return error(503, unavailableCode);
        }

        ResponseDefinitionBuilder serverError() {
            return error(500, serverErrorCode);
        }

        /** A request the provider does not accept. */
        ResponseDefinitionBuilder rejection() {
            return error(400, rejectionCode);
        }

        /** As many calls as the bulkhead holds. */
        List<GenerationRequest> filling() {
            List<GenerationRequest> requests = new ArrayList<>();
            for (int i = 0; i < bulkhead; i++) {
                requests.add(request());
            }
            return requests;
        }

        /** Answers that take {@code millis} to come, for {@link #filling}'s calls. */
        void stubHeld(WireMockServer server, int millis) {
            server.stubFor(post(path).willReturn(picture(server).withFixedDelay(millis)));
        }

        static ResponseDefinitionBuilder json(int status, String body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        }
    }
}
