package ai.aiart.auth.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue #16, item 12: with the production setting ({@code aiart.auth.operator-endpoints=internal}, the
 * default outside dev and test) the operator endpoints answer only callers with the internal key,
 * however the path is spelled, while the health checks the platforms probe stay open.
 */
@QuarkusTest
@TestProfile(OperatorEndpointsTest.Production.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
public class OperatorEndpointsTest {

    public static final String KEY = "operator-test-internal-key";

    /** The production switch, with an internal key. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aiart.auth.operator-endpoints", "internal", "aiart.internal-api-key", KEY);
        }
    }

    private static final List<String> OPERATOR = List.of("/q/metrics", "/q/openapi", "/q/openapi?format=json", "/api/v1/backends");

    @Test
    void operatorEndpointsNeedTheInternalKey() {
        for (String path : OPERATOR) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(401)
                    .contentType(containsString("application/problem+json"))
                    .body("error_type", equalTo("unauthorized"))
                    .body("message", containsString("X-Internal-Key"));
            given().urlEncodingEnabled(false).header("X-Internal-Key", "wrong").get(path).then().statusCode(401);
            given().urlEncodingEnabled(false).header("X-Internal-Key", KEY).get(path).then().statusCode(200);
        }
        given().header("X-Internal-Key", KEY).get("/q/metrics").then().body(containsString("aiart_store_commands"));
    }

    @Test
    void oddSpellingsAreGuardedToo() {
        for (String path : List.of("/q/%6Detrics", "/q/./metrics", "//q/metrics", "/q/health/../metrics", "/api/v1/%62ackends",
                "/api/v1/backends/", "/api/v1/./backends", "/api/v1/backends;x=1", "/q/%256Detrics", "/a/../../q/metrics")) {
            int status = given().urlEncodingEnabled(false).get(path).then().extract().statusCode();
            assertTrue(status == 401 || status == 404 || status == 400, path + " answered " + status);
        }
    }

    @Test
    void healthChecksStayOpen() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/api/v1/health")) {
            given().get(path).then().statusCode(anyOf(is(200), is(503)));
        }
    }

    @Test
    void thePathsJudged() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/dev-ui", "/q", "/Q/../q/metrics",
                "/q/%6Detrics", "/api/v1/backends", "/api/v1//backends/", "/api/v1/backends;a=b", "/x/../api/v1/backends")) {
            assertTrue(OperatorGate.isOperatorPath(path), path);
        }
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/api/v1/health", "/api/v1/limits",
                "/", "/query", "/api/v1/backendsx")) {
            assertFalse(OperatorGate.isOperatorPath(path), path);
        }
    }
}
