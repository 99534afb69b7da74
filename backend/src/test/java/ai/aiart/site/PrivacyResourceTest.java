package ai.aiart.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.generation.RetentionConfig;
import ai.aiart.monitoring.MonitoringConfig;
import ai.aiart.ratelimit.RateLimitConfig;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The privacy page's figures are the settings this backend applies, not a copy. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class PrivacyResourceTest {

    @Inject
    RetentionConfig retention;

    @Inject
    MonitoringConfig monitoring;

    @Inject
    RateLimitConfig limits;

    @Inject
    SiteConfig site;

    @Test
    void theRetentionFiguresAreTheAppliedSettings() {
        given().when().get("/api/v1/privacy")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "public, max-age=300")
                .body("contact_email", equalTo(site.contactEmail()))
                .body("retention.creations_seconds", equalTo((int) retention.retention().toSeconds()))
                .body("retention.request_log_seconds", equalTo((int) monitoring.keep().toSeconds()))
                .body("retention.fair_use_seconds", equalTo((int) limits.forgetAfter().toSeconds()))
                .body("retention.size()", equalTo(3));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        // docs/IDENTITY.md ("What is stored, and for how long") states these; the page shows what the endpoint says
        given().when().get("/api/v1/privacy")
                .then().statusCode(200)
                .body("contact_email", equalTo("privacy@aiart.test"))
                .body("retention.creations_seconds", equalTo(7 * 86_400))
                .body("retention.request_log_seconds", equalTo(30 * 86_400))
                .body("retention.fair_use_seconds", equalTo(30 * 86_400));
    }
}
