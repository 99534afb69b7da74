package ai.aiart.provider.canary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.aiart.config.AiartConfig;
import ai.aiart.core.JobKind;
import ai.aiart.monitoring.AlertManager;
import ai.aiart.monitoring.AlertRepository;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.ProviderChain;
import ai.aiart.provider.canary.ModelCheck.Outcome;
import ai.aiart.provider.gemini.GeminiModelCheck;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.ProviderTestProfile;
import ai.aiart.support.WireMockUpstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The model canary against a stand-in Gemini API that knows some models (models.get answers the
 * model, or Google's 404 NOT_FOUND body for an id it does not know): a retired id shows as
 * {@code misconfigured} with its reason in {@code /api/v1/health} (what the admin dashboard
 * draws), the chain skips the provider for that kind only, and one alert opens.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class ModelCanaryTest {

    /** Google's answer to models.get for an id it does not know (see docs/PROVIDERS.md, "Model canary"). */
    private static final String NOT_FOUND = """
            {"error":{"code":404,"message":"models/%s is not found for API version v1beta, or is not supported for get.",\
            "status":"NOT_FOUND"}}""";

    @InjectWireMock
    WireMockServer upstream;
    @Inject
    ModelCanary canary;
    @Inject
    GeminiModelCheck gemini;
    @Inject
    ProviderChain chain;
    @Inject
    AlertRepository alerts;
    @Inject
    AiartConfig config;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        alerts.delete("metric", AlertManager.MODELS);
    }

    @AfterEach
    void everyModelBack() {
        // the app is shared with the other provider tests: leave no provider misconfigured behind
        upstream.resetAll();
        gemini.models().values().forEach(this::lists);
        canary.run();
        upstream.resetAll();
    }

    @Test
    void aRetiredModelMarksItsKindMisconfiguredInHealthAndTheChainSkipsIt() {
        String retired = gemini.models().get(JobKind.TEXT_TO_IMAGE);
        gemini.models().values().stream().filter(m -> !m.equals(retired)).forEach(this::lists);
        upstream.stubFor(get(urlEqualTo("/v1beta/models/" + retired)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(NOT_FOUND.formatted(retired))));

        List<ModelCanary.Finding> findings = canary.run();

        // every kind configured with the retired id is marked (pictures and edits share one model by default);
        // the kinds of another model are not (ProviderChainTest holds "that kind only" with distinct models)
        String reason = "gemini: text-to-image model " + retired + " does not exist upstream (404 NOT_FOUND)";
        List<JobKind> sharing = gemini.models().entrySet().stream().filter(e -> e.getValue().equals(retired)).map(Map.Entry::getKey).toList();
        List<JobKind> others = gemini.models().keySet().stream().filter(k -> !sharing.contains(k)).toList();
        assertFalse(others.isEmpty(), "the test needs a kind of another model: " + gemini.models());
        var health = given().get("/api/v1/health").then().statusCode(200)
                .body("providers.gemini", equalTo(ProviderChain.MISCONFIGURED))
                .body("misconfigured.gemini.'text-to-image'", equalTo(reason))
                .body("misconfigured.gemini.size()", equalTo(sharing.size()))
                .body("misconfigured", not(hasKey("dashscope")))
                .body("misconfigured", not(hasKey("stability")));
        for (JobKind kind : others) {
            health.body("misconfigured.gemini", not(hasKey(kind.wire())));
        }
        for (JobKind kind : sharing) {
            assertFalse(names(chain.forKind(kind)).contains("gemini"), "no doomed call for the retired model: " + kind);
        }
        // the key went with the check; DashScope and Stability are reported, never judged
        upstream.verify(getRequestedFor(urlEqualTo("/v1beta/models/" + retired)).withHeader("x-goog-api-key",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(WireMockUpstreams.GEMINI_KEY)));
        assertTrue(findings.stream().filter(f -> !f.provider().equals("gemini"))
                .allMatch(f -> f.outcome() == Outcome.NOT_CHECKABLE), findings::toString);

        canary.run(); // the same finding again: no second alert
        assertEquals(1, alerts.count("metric", AlertManager.MODELS));
        var alert = alerts.open(config.instance(), AlertManager.MODELS).orElseThrow();
        assertTrue(alert.message.contains(reason), alert.message);

        lists(retired); // the operator fixed it upstream (or in the configuration): the next run clears it
        canary.run();
        given().get("/api/v1/health").then().statusCode(200)
                .body("providers.gemini", equalTo(ProviderChain.UP)).body("misconfigured", equalTo(Map.of()));
        assertTrue(names(chain.forKind(JobKind.TEXT_TO_IMAGE)).contains("gemini"));
        assertTrue(alerts.open(config.instance(), AlertManager.MODELS).isEmpty(), "the alert resolved");
    }

    @Test
    void unclearAnswersMarkNothing() {
        String model = gemini.models().get(JobKind.TEXT_TO_IMAGE);
        gemini.models().values().stream().filter(m -> !m.equals(model)).forEach(this::lists);
        // a 404 that is not Google's (a proxy, a wrong base URL), a refused key, an outage: unknown, not misconfigured
        for (int status : new int[] {404, 403, 503}) {
            upstream.stubFor(get(urlEqualTo("/v1beta/models/" + model))
                    .willReturn(aResponse().withStatus(status).withBody("<html>not here</html>")));

            List<ModelCanary.Finding> findings = canary.run();

            assertTrue(findings.stream().anyMatch(f -> f.model().equals(model) && f.outcome() == Outcome.UNKNOWN),
                    findings::toString);
            assertEquals(ProviderChain.UP, chain.states().get("gemini"), "HTTP " + status);
        }
        assertEquals(0, alerts.count("metric", AlertManager.MODELS));
    }

    private void lists(String model) {
        upstream.stubFor(get(urlEqualTo("/v1beta/models/" + model)).willReturn(okJson("""
                {"name":"models/%s","version":"001","displayName":"%s","supportedGenerationMethods":["generateContent"]}"""
                .formatted(model, model))));
    }

    private static List<String> names(List<ImageProvider> providers) {
        return providers.stream().map(ImageProvider::name).toList();
    }
}
