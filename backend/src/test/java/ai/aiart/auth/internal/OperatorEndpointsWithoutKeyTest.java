package ai.aiart.auth.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The production setting without an internal key: the operator endpoints are off (403) for everyone. */
@QuarkusTest
@TestProfile(OperatorEndpointsWithoutKeyTest.ProductionWithoutKey.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class OperatorEndpointsWithoutKeyTest {

    /** The production switch, no internal key. */
    public static class ProductionWithoutKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // blank, not absent: a key set by another profile or the environment must not apply here
            return Map.of("aiart.auth.operator-endpoints", "internal", "aiart.internal-api-key", " ");
        }
    }

    @Test
    void operatorEndpointsAreOff() {
        given().get("/q/metrics").then().statusCode(403).body("error_type", equalTo("forbidden"));
        given().header("X-Internal-Key", "anything").get("/api/v1/backends").then().statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
    }
}
