package ai.aiart.reliability;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestMedia;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Upstreams that are down, slow or answer garbage (WireMock, real wire formats otherwise): the
 * job moves on along the chain (Stability → Gemini → DashScope → local) and ends in a clear state
 * within the wait, never stuck. Each row breaks Stability one way while Gemini works; the last
 * rows break every upstream, and the offline renderer finishes the job.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class ProviderFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STABILITY = "/v2beta/stable-image/generate/core";
    private static final String GEMINI_IMAGE = "/v1beta/models/gemini-nano-banana-2.1:generateContent";
    private static final byte[] PICTURE = TestMedia.png(64, 36);
    private static final byte[] GEMINI_PICTURE = TestMedia.png(48, 27);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** A way for Stability to answer, and which provider must then make the picture. */
    record Fault(String name, ResponseDefinitionBuilder answer, String provider) {
        Fault(String name, ResponseDefinitionBuilder answer) {
            this(name, answer, "gemini");
        }
    }

    static List<Fault> faults() {
        return List.of(
                new Fault("connection reset", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)),
                new Fault("empty answer, connection closed", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)),
                new Fault("random bytes, then closed", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.RANDOM_DATA_THEN_CLOSE)),
                new Fault("malformed chunked body", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK)),
                new Fault("500 with a JSON error", json(500, "{\"id\":\"e1\",\"name\":\"internal_error\",\"errors\":[\"boom\"]}")),
                new Fault("503 with an HTML page", aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<h1>Down</h1>")),
                new Fault("429 with Retry-After: 1, every time", json(429, "{\"id\":\"e2\",\"name\":\"rate_limit_exceeded\",\"errors\":[\"slow down\"]}")
                        .withHeader("Retry-After", "1")),
                new Fault("slower than the timeout (" + (ProviderTestProfile.TIMEOUT_MILLIS + 1500) + " ms)",
                        picture().withFixedDelay((int) ProviderTestProfile.TIMEOUT_MILLIS + 1500)),
                new Fault("200 with invalid JSON as an error body", aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"id\":")),
                new Fault("200 labelled image/png holding HTML", aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withHeader("finish-reason", "SUCCESS").withBody("<html>not a picture</html>")),
                new Fault("200 with the wrong content type (text/plain) but a whole PNG: kept, the type is read from the bytes",
                        aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withHeader("finish-reason", "SUCCESS").withBody(PICTURE),
                        "stability"),
                new Fault("200 with truncated PNG bytes", aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withHeader("finish-reason", "SUCCESS").withBody(java.util.Arrays.copyOf(PICTURE, PICTURE.length / 2))),
                new Fault("200 with an empty body", aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withHeader("finish-reason", "SUCCESS")),
                new Fault("200 with a whole PNG but no finish-reason: kept", aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withBody(PICTURE), "stability"),
                new Fault("200 with a PNG whose pixel data is corrupt", aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withHeader("finish-reason", "SUCCESS").withBody(corrupt(PICTURE))));
    }

    @TestFactory
    Stream<DynamicTest> aBrokenUpstreamHandsTheJobToTheNextProvider() {
        return faults().stream().map(fault -> DynamicTest.dynamicTest(fault.name(), () -> ReliabilityLog.run("faults",
                "upstream Stability broken, Gemini working", fault.name(), "job succeeds by " + fault.provider() + ", not stuck", 1, () -> {
                    reset();
                    upstream.stubFor(post(STABILITY).willReturn(fault.answer()));
                    upstream.stubFor(post(GEMINI_IMAGE).willReturn(okJson(geminiPicture(GEMINI_PICTURE))));
                    String id = submit("{\"prompt\":\"a kite over dunes, " + fault.name() + "\"}");
                    awaitTerminal(id, WAIT).body("status", equalTo("succeeded")).body("provider", equalTo(fault.provider()));
                    assertArrayEquals(fault.provider().equals("gemini") ? GEMINI_PICTURE : PICTURE, given().get("/api/v1/jobs/" + id + "/result").then().statusCode(200).extract().asByteArray());
                    int asked = upstream.findAll(postRequestedFor(urlEqualTo(STABILITY))).size();
                    assertTrue(asked >= 1 && asked <= 3, "Stability asked " + asked + " times (at most 3 attempts)");
                })));
    }

    @TestFactory
    Stream<DynamicTest> whenEveryUpstreamIsBrokenTheOfflineRendererFinishes() {
        return Stream.of(
                new Fault("every upstream resets the connection", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)),
                new Fault("every upstream answers 500", json(500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}")),
                new Fault("every upstream answers garbage JSON", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"pred")),
                new Fault("every upstream is slower than the timeout", okJson("{}").withFixedDelay((int) ProviderTestProfile.TIMEOUT_MILLIS + 1500)))
                .map(fault -> DynamicTest.dynamicTest(fault.name(), () -> ReliabilityLog.run("faults",
                        "every upstream broken", fault.name(), "job succeeds by local, not stuck", 1, () -> {
                            reset();
                            upstream.stubFor(any(urlMatching("/.*")).willReturn(fault.answer()));
                            String id = submit("{\"prompt\":\"a lighthouse, " + fault.name() + "\",\"aspect_ratio\":\"16:9\"}");
                            awaitTerminal(id, WAIT).body("status", equalTo("succeeded")).body("provider", equalTo("local"))
                                    .body("result.url", notNullValue());
                        })));
    }

    private void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder picture() {
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS")
                .withHeader("seed", "7").withBody(PICTURE);
    }

    /** The PNG with the middle of its compressed pixel data overwritten: header intact, pixels not. */
    private static byte[] corrupt(byte[] png) {
        byte[] copy = png.clone();
        for (int i = copy.length / 2; i < copy.length - 20; i++) {
            copy[i] = (byte) 0xA5;
        }
        return copy;
    }

    private static String geminiPicture(byte[] png) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(png) + "\"}}]},\"finishReason\":\"STOP\"}]}";
    }
}
