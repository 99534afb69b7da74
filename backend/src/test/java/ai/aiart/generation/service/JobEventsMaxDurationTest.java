package ai.aiart.generation.service;

import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.QuietQueueProfile;
import ai.aiart.generation.repository.JobRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A live-status stream ends after {@code aiart.queue.events-max-duration} even though its job has
 * not ended; the page then reconnects or polls (docs/GENERATION.md). A stream's lifetime is one
 * setting for every stream, and JobEventsStreamTest's streams must outlive their jobs of several
 * seconds, so this runs in {@link QuietQueueProfile} (no workers, so the job stays queued; streams of
 * at most 3 s, which none of its other tests open).
 */
@QuarkusTest
@TestProfile(QuietQueueProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class JobEventsMaxDurationTest {

    private static final Duration MAX = QuietQueueProfile.EVENTS_MAX_DURATION;

    @Inject
    JobRepository jobs;
    @Inject
    JobBoard board;

    @BeforeEach
    void roomInTheQueue() {
        // the profile's other tests may have left queued jobs in its small queue
        jobs.deleteAll();
        board.refresh();
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
