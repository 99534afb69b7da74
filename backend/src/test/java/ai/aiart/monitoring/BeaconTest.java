package ai.aiart.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class BeaconTest {

    @Inject
    MongoClient mongo;
    @Inject
    MonitoringStore monitoring;

    @Test
    void aPageViewIsCountedWithAHashedIpAndBadBeaconsAreRefused() {
        MongoCollection<Document> minutes = mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION);
        monitoring.flushAll(); // what earlier tests left in the open minute
        given().contentType(ContentType.JSON).body("{\"type\":\"page_view\",\"page\":\"/beacon-test.html\"}")
                .post("/api/v1/analytics/events").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"type\":\"click\",\"page\":\"/beacon-test.html\",\"target\":\"download\"}")
                .post("/api/v1/analytics/events").then().statusCode(202);
        monitoring.flushAll();
        Document stored = minutes.find(Filters.eq("pages.page", "/beacon-test.html")).first();
        assertTrue(stored != null, "the page view is in the minute's roll-up");
        assertEquals(List.of(new Document("page", "/beacon-test.html").append("views", 1)), stored.getList("pages", Document.class));
        assertEquals(List.of(new Document("page", "/beacon-test.html").append("target", "download").append("count", 1)),
                stored.getList("clicks", Document.class));
        assertTrue(stored.getList("ips", String.class).stream().allMatch(ip -> ip.matches("[0-9a-f]{32}")), stored.toJson());
        assertTrue(!stored.toJson().contains("127.0.0.1"), "no clear IP is stored");

        given().contentType(ContentType.JSON).body("{\"type\":\"purchase\",\"page\":\"/refused.html\"}")
                .post("/api/v1/analytics/events").then().statusCode(400).body("error_type", equalTo("validation"));
        given().contentType(ContentType.JSON).body("{\"type\":\"click\",\"page\":\"/refused.html\",\"target\":\""
                + "x".repeat(300) + "\"}").post("/api/v1/analytics/events").then().statusCode(400);
        monitoring.flushAll();
        assertEquals(0, minutes.countDocuments(Filters.or(Filters.eq("pages.page", "/refused.html"),
                Filters.eq("clicks.page", "/refused.html"))), "refused beacons are not counted");
    }

    /**
     * Every check of a beacon, by field and message: all failures in one answer sorted by field, the
     * first as the message; a page of 200 and a target of 100 characters pass.
     */
    @Test
    void everyFieldOfABeaconIsCheckedByName() {
        String noBody = "Send a JSON object with type and page.";
        refusedBeacon("application/json", "", noBody, Map.of("field", "beacon", "message", noBody));
        refusedBeacon("text/plain;charset=UTF-8", "", noBody, Map.of("field", "beacon", "message", noBody));
        refusedBeacon("application/json", "{}", "The page is missing.",
                Map.of("field", "page", "message", "The page is missing."),
                Map.of("field", "type", "message", "The event type is missing."));
        refusedBeacon("text/plain;charset=UTF-8", "{\"type\":\"page_views\",\"page\":\"" + "x".repeat(201) + "\",\"target\":\""
                + "x".repeat(101) + "\"}", "The page is at most 200 characters.",
                Map.of("field", "page", "message", "The page is at most 200 characters."),
                Map.of("field", "target", "message", "The target is at most 100 characters."),
                Map.of("field", "type", "message", "The event type must be page_view or click."));
        refusedBeacon("application/json", "{\"page\":\"" + "x".repeat(200) + "\",\"target\":\"" + "x".repeat(100) + "\"}",
                "The event type is missing.", Map.of("field", "type", "message", "The event type is missing."));
    }

    @SafeVarargs
    private static void refusedBeacon(String contentType, String body, String message, Map<String, String>... errors) {
        given().contentType(contentType).body(body).post("/api/v1/analytics/events").then().statusCode(400)
                .contentType("application/problem+json").body("error_type", equalTo("validation"))
                .body("message", equalTo(message)).body("errors", equalTo(List.of(errors)));
    }

    /**
     * {@code navigator.sendBeacon} sends a string as {@code text/plain;charset=UTF-8}, the only way it
     * reaches another origin: the same JSON, the same answers, and the site's origin is let through.
     */
    @Test
    void aTextPlainBeaconFromTheSiteIsCountedAndCheckedLikeJson() {
        MongoCollection<Document> minutes = mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION);
        monitoring.flushAll();
        given().contentType("text/plain;charset=UTF-8").header("Origin", "http://localhost:8080")
                .body("{\"type\":\"page_view\",\"page\":\"/plain-beacon.html\"}")
                .post("/api/v1/analytics/events").then().statusCode(202);
        given().contentType("text/plain;charset=UTF-8").header("Origin", "http://localhost:8080")
                .body("{\"type\":\"click\",\"page\":\"/plain-beacon.html\",\"target\":\"donate\"}")
                .post("/api/v1/analytics/events").then().statusCode(202);
        monitoring.flushAll();
        Document stored = minutes.find(Filters.eq("pages.page", "/plain-beacon.html")).first();
        assertTrue(stored != null, "the text/plain page view is in the minute's roll-up");
        assertEquals(List.of(0), stored.getList("viewers", Integer.class), "the viewer is the minute's one address: " + stored.toJson());
        assertEquals(1L, minutes.countDocuments(Filters.and(Filters.eq("clicks.page", "/plain-beacon.html"),
                Filters.eq("clicks.target", "donate"))));

        for (String bad : List.of("{\"type\":\"purchase\",\"page\":\"/plain-refused.html\"}", "{\"type\":\"page_view\",\"page\":12}",
                "{\"type\":\"page_view\",", "")) {
            given().contentType("text/plain;charset=UTF-8").body(bad).post("/api/v1/analytics/events").then()
                    .statusCode(400).contentType("application/problem+json").body("error_type", equalTo("validation"));
        }
        given().contentType("text/plain;charset=UTF-8").body("{\"type\":\"page_view\",\"page\":\"/plain-refused.html\",\"target\":\""
                + "x".repeat(5000) + "\"}").post("/api/v1/analytics/events").then().statusCode(413);
        monitoring.flushAll();
        assertEquals(0, minutes.countDocuments(Filters.eq("pages.page", "/plain-refused.html")), "refused beacons are not counted");
    }
}
