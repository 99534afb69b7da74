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

import java.time.Duration;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.TestMedia;
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
    private static final String IMAGEN = "/v1beta/models/imagen-4.0-generate-001:predict";
    private static final byte[] STABILITY_PICTURE = TestMedia.png(64, 36);
    private static final byte[] GEMINI_PICTURE = TestMedia.png(48, 27);

    @InjectWireMock
    WireMockServer upstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
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
        upstream.verify(0, postRequestedFor(urlEqualTo(IMAGEN)));
    }

    @Test
    void whenStabilityFailsTheNextProviderInTheChainMakesTheJob() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityError(500, "internal_error")));
        upstream.stubFor(post(IMAGEN).willReturn(okJson(imagenAnswer())));

        String id = submit("{\"prompt\":\"a green parrot on a wire\"}");

        awaitTerminal(id, WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("gemini"))
                .body("result.width", equalTo(48));
        assertArrayEquals(GEMINI_PICTURE, result(id));
        upstream.verify(3, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(1, postRequestedFor(urlEqualTo(IMAGEN)));
    }

    @Test
    void aRefusalFailsTheJobWithItsMessageAndNoOtherProviderIsAsked() {
        upstream.stubFor(post(STABILITY).willReturn(stabilityPicture("CONTENT_FILTERED")));
        upstream.stubFor(post(IMAGEN).willReturn(okJson(imagenAnswer())));

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
        upstream.stubFor(post(IMAGEN).willReturn(okJson(imagenAnswer())));

        for (String prompt : new String[] {"first of three", "second of three"}) {
            awaitTerminal(submit("{\"prompt\":\"" + prompt + "\"}"), WAIT).body("provider", equalTo("gemini"));
        }
        upstream.verify(6, postRequestedFor(urlEqualTo(STABILITY))); // the breaker's window is full of failures
        awaitTerminal(submit("{\"prompt\":\"third of three\"}"), WAIT)
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("gemini"));

        upstream.verify(6, postRequestedFor(urlEqualTo(STABILITY)));
        upstream.verify(3, postRequestedFor(urlEqualTo(IMAGEN)));
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

    private static String imagenAnswer() {
        return "{\"predictions\":[{\"bytesBase64Encoded\":\"" + Base64.getEncoder().encodeToString(GEMINI_PICTURE)
                + "\",\"mimeType\":\"image/png\"}]}";
    }
}
