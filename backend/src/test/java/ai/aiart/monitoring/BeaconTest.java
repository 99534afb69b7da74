package ai.aiart.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
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

    @Test
    void aPageViewIsStoredWithAHashedIpAndBadBeaconsAreRefused() {
        given().contentType(ContentType.JSON).body("{\"type\":\"page_view\",\"page\":\"/gallery.html\"}")
                .post("/api/v1/analytics/events").then().statusCode(202);
        Document stored = mongo.getDatabase("aiart").getCollection("page_events")
                .find(Filters.eq("page", "/gallery.html")).first();
        assertEquals("page_view", stored.getString("type"));
        assertEquals(32, stored.getString("ip_hash").length());

        long count = mongo.getDatabase("aiart").getCollection("page_events").countDocuments();
        given().contentType(ContentType.JSON).body("{\"type\":\"purchase\",\"page\":\"/\"}")
                .post("/api/v1/analytics/events").then().statusCode(400).body("error_type", equalTo("validation"));
        given().contentType(ContentType.JSON).body("{\"type\":\"click\",\"page\":\"" + "x".repeat(300) + "\"}")
                .post("/api/v1/analytics/events").then().statusCode(400);
        assertEquals(count, mongo.getDatabase("aiart").getCollection("page_events").countDocuments());
    }
}
