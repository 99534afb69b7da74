package ai.aiart.monitoring;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class MonitoringTest {

    @Inject
    MonitoringStore monitoring;
    @Inject
    MongoClient mongo;

    @Test
    void jobsProvidersQueueAndHttpAreInTheMetricsText() {
        String id = submit("{\"prompt\":\"metrics at dawn\",\"seed\":3}");
        awaitTerminal(id, Duration.ofSeconds(30)).body("status", equalTo("succeeded"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("aiart_jobs_completed_total{kind=\"text-to-image\",provider=\"local\",status=\"succeeded\"}"))
                .body(containsString("aiart_jobs_submitted_total{cached=\"false\",kind=\"text-to-image\",tier=\"anonymous\"}"))
                .body(containsString("aiart_provider_latency_seconds_count{kind=\"text-to-image\",outcome=\"success\",provider=\"local\"}"))
                .body(containsString("aiart_queue_length "))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void requestsAreRolledUpByEndpointAndMinuteWithNoClearIp() {
        monitoring.flushAll(); // what earlier tests left in the open minute
        long before = jobReads();
        String id = submit("{\"prompt\":\"a logged request\"}");
        given().get("/api/v1/jobs/" + id).then().statusCode(200);
        given().get("/api/v1/jobs/" + id).then().statusCode(200);
        // a request is counted when its response has ended, which a busy machine may reach just after the
        // client has read the answer: flush until both are in (or 10 s have passed)
        long counted = 0;
        for (long until = System.nanoTime() + 10_000_000_000L; counted < 2 && System.nanoTime() < until;) {
            monitoring.flushAll();
            counted = jobReads() - before;
            if (counted < 2) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        assertEquals(2, counted, "both job reads are counted under their endpoint and status class");
        Document minute = mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION)
                .find(Filters.eq("endpoints.endpoint", "GET /api/v1/jobs/{id}")).sort(new Document("_id", -1)).first();
        assertFalse(minute.get("ms", Document.class).isEmpty(), "response times are kept: " + minute.toJson());
        assertFalse(minute.toJson().contains("127.0.0.1"), "no clear IP is stored");
        assertFalse(minute.getList("ips", String.class).isEmpty());
        assertTrue(minute.getList("ips", String.class).stream().allMatch(ip -> ip.matches("[0-9a-f]{32}")));
        assertFalse(minute.toJson().contains(id), "ids are folded out of the paths");
    }

    private long jobReads() {
        long n = 0;
        for (Document minute : mongo.getDatabase("aiart").getCollection(TrafficRollup.COLLECTION)
                .find(Filters.eq("endpoints.endpoint", "GET /api/v1/jobs/{id}"))) {
            for (Document e : minute.getList("endpoints", Document.class)) {
                if (e.getString("endpoint").equals("GET /api/v1/jobs/{id}") && e.containsKey("2xx")) {
                    n += e.getInteger("2xx");
                }
            }
        }
        return n;
    }

    @Test
    void aSnapshotIsStored() {
        long before = mongo.getDatabase("aiart").getCollection("resource_metrics").countDocuments();
        monitoring.snapshot();
        Document latest = mongo.getDatabase("aiart").getCollection("resource_metrics").find()
                .sort(new Document("at", -1)).first();
        assertTrue(mongo.getDatabase("aiart").getCollection("resource_metrics").countDocuments() > before);
        assertTrue(latest.containsKey("cpu") && latest.containsKey("memory") && latest.containsKey("queue_length"));
    }
}
