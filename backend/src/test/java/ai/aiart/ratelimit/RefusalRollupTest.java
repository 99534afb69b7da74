package ai.aiart.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import ai.aiart.monitoring.MonitoringStore;
import ai.aiart.monitoring.TrafficRollup;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallLimitsProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Refusals reach the traffic roll-up with their reason, through the real REST answer and request
 * hook. On {@link SmallLimitsProfile} (three beacons a minute, a trusted proxy), so it runs in that
 * application rather than starting another, and floods no address other tests use.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class RefusalRollupTest {

    @Inject
    MongoClient mongo;
    @Inject
    MonitoringStore monitoring;

    @Test
    void aBeaconOverTheGateIsRefusedAndCountedAsRateLimited() {
        String ip = "198.51.100.77";
        monitoring.flushAll();
        Map<String, Long> before = reasons();
        for (int i = 0; i < 3; i++) {
            beacon(ip).then().statusCode(202);
        }
        beacon(ip).then().statusCode(429).body("error_type", equalTo("rate_limited"));
        monitoring.flushAll();
        Map<String, Long> after = reasons();
        assertEquals(before.getOrDefault("rate_limited", 0L) + 1, after.get("rate_limited"),
                "the refusal is in the roll-up with its reason: " + after);
    }

    /** Refused beacons so far, by reason (other tests of this profile refuse some too). */
    private Map<String, Long> reasons() {
        Map<String, Long> reasons = new HashMap<>();
        for (Document m : mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION)
                .find(Filters.eq("refusals.endpoint", "POST /api/v1/analytics/events"))) {
            for (Document r : m.getList("refusals", Document.class)) {
                if (r.getString("endpoint").equals("POST /api/v1/analytics/events")) {
                    reasons.merge(r.getString("reason"), r.getInteger("count").longValue(), Long::sum);
                }
            }
        }
        return reasons;
    }

    private static io.restassured.response.Response beacon(String ip) {
        return given().header("X-Forwarded-For", ip).contentType("text/plain;charset=UTF-8")
                .body("{\"type\":\"page_view\",\"page\":\"/flood.html\"}").post("/api/v1/analytics/events");
    }
}
