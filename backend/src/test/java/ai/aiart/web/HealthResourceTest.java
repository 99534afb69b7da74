package ai.aiart.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class HealthResourceTest {

    @Test
    void apiHealthReportsTheInstance() {
        given().when().get("/api/v1/health")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("status", oneOf("healthy", "degraded"))
                .body("timestamp", notNullValue())
                .body("load", greaterThanOrEqualTo(0f))
                .body("queue_length", greaterThanOrEqualTo(0))
                .body("queue_max", equalTo(500)) // aiart.queue.max: the site re-enables Create once the length is below it
                .body("hibernating", equalTo(false))
                .body("instance", notNullValue())
                .body("version", notNullValue())
                .body("providers.local", equalTo("up"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIncludesTheStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }
}
