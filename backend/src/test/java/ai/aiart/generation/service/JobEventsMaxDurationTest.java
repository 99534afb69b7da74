package ai.aiart.generation.service;

import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.NoSchedules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A live-status stream ends after {@code aiart.queue.events-max-duration} even though its job has
 * not ended; the page then reconnects or polls (docs/GENERATION.md). Its own profile: a stream's
 * lifetime is one setting for every stream, and JobEventsStreamTest's streams must outlive their
 * jobs of several seconds, while this one must end in seconds. No workers, so the job stays queued.
 */
@QuarkusTest
@TestProfile(JobEventsMaxDurationTest.ShortStreams.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class JobEventsMaxDurationTest {

    private static final Duration MAX = Duration.ofSeconds(3);

    /** Streams of at most 3 s, looked at every 500 ms (the default), and nothing that moves a job. */
    public static class ShortStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return NoSchedules.with(Map.of("aiart.queue.events-max-duration", MAX.toSeconds() + "s"));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aStreamEndsAfterItsMaximumDurationWhileItsJobWaits() throws Exception {
        String id = submit("{\"prompt\":\"a queue of umbrellas\",\"seed\":41}");

        long opened = System.nanoTime();
        List<JsonNode> events;
        try (JobEventsStreamTest.EventStream stream = JobEventsStreamTest.EventStream.open(base, id)) {
            events = stream.untilEnd(Duration.ofSeconds(60));
        }
        Duration lasted = Duration.ofNanos(System.nanoTime() - opened);

        assertTrue(events.stream().allMatch(e -> "queued".equals(e.get("status").asText())), "only the waiting job: " + events);
        // the last look is one tick (500 ms) before the limit; any earlier end would not be the limit's
        assertTrue(lasted.compareTo(MAX.minusSeconds(1)) >= 0, "the stream lasted its maximum, not less: " + lasted);
        given().get("/api/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("queued"));
    }
}
