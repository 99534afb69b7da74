package ai.aiart.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class HealthResourceTest {

    @jakarta.inject.Inject
    ai.aiart.load.ResourceMonitor monitor;
    @jakarta.inject.Inject
    ai.aiart.load.QueueStats queue;
    @jakarta.inject.Inject
    ai.aiart.config.AiartConfig config;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.version")
    String version;

    @Test
    void apiHealthReportsTheInstance() {
        java.time.Instant before = java.time.Instant.now();
        var answer = given().when().get("/api/v1/health")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("queue_max", equalTo(500)) // aiart.queue.max: the site re-enables Create once the length is below it
                .body("hibernating", equalTo(false))
                .body("instance", equalTo(config.instance()))
                .body("version", equalTo(version))
                .body("providers.local", equalTo("up"))
                .extract().jsonPath();
        java.time.Instant at = java.time.Instant.parse(answer.getString("timestamp"));
        org.junit.jupiter.api.Assertions.assertFalse(at.isBefore(before.minusSeconds(1)) || at.isAfter(java.time.Instant.now().plusSeconds(1)),
                "the time of the answer: " + at);
        // the figures are the instance's own, as the limiter and the dashboard read them
        double load = answer.getDouble("load");
        org.junit.jupiter.api.Assertions.assertEquals(monitor.load(), load, 0.05, "the smoothed load");
        org.junit.jupiter.api.Assertions.assertEquals(load > 0.8 ? "degraded" : "healthy", answer.getString("status"));
        org.junit.jupiter.api.Assertions.assertEquals(queue.queued(), answer.getLong("queue_length"));
        org.junit.jupiter.api.Assertions.assertFalse(version.isBlank());
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @jakarta.inject.Inject
    ai.aiart.store.StoreCommands commands;

    @Test
    void startedIsUpOnceTheStoreHasAnsweredAndThenAsksItNothing() {
        // the first probe may ask the store (when nothing has yet); none after it does
        given().when().get("/q/health/started").then().statusCode(200);
        long pings = commands.count("ping", "none");
        for (int i = 0; i < 5; i++) {
            given().when().get("/q/health/started")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == '" + StoreReachedCheck.NAME + "' }.status", equalTo("UP"))
                    .body("checks.find { it.name == '" + StoreReachedCheck.NAME + "' }.data.reached_at", org.hamcrest.Matchers.notNullValue());
        }
        org.junit.jupiter.api.Assertions.assertEquals(pings, commands.count("ping", "none"), "no store command once reached");
    }

    @Test
    void readinessIncludesTheStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }
}
