package ai.aiart.auth.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallBudgetsProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The production setting without an internal key: the operator endpoints are off (403) for everyone.
 * The profile it shares sets {@code aiart.auth.operator-endpoints=internal} and a blank key.
 */
@QuarkusTest
@TestProfile(SmallBudgetsProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class OperatorEndpointsWithoutKeyTest {

    @Test
    void operatorEndpointsAreOff() {
        given().get("/q/metrics").then().statusCode(403).body("error_type", equalTo("forbidden"));
        given().header("X-Internal-Key", "anything").get("/api/v1/backends").then().statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
    }
}
