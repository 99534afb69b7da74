package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class JobEventsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theEventStreamShowsTheJobUntilItEnds() throws Exception {
        String id = submit("{\"prompt\":\"a windmill in a tulip field\",\"seed\":5}");
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "api/v1/jobs/" + id + "/events"))
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        response.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(read(json, line.substring(5).trim())));
        assertFalse(events.isEmpty());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("succeeded", last.get("status").asText(), "the stream ends with the terminal snapshot");
        assertEquals(id, last.get("id").asText());
        assertEquals("/api/v1/jobs/" + id + "/result", last.get("result").get("url").asText());
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).equals(events.get(i - 1)), "a snapshot is sent only when something changed");
        }
    }

    @Test
    void theEventsOfAnUnknownJobAre404() {
        given().accept("text/event-stream").get("/api/v1/jobs/nope/events")
                .then().statusCode(404).body("error_type", equalTo("not_found"));
    }

    private static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
