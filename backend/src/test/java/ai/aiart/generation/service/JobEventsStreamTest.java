package ai.aiart.generation.service;

import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The live-status stream ({@code GET /jobs/{id}/events}, docs/GENERATION.md) read over HTTP as a
 * browser reads it, with a real worker: one worker whose offline renderer takes 3 s a job
 * (CancelRunningTest's profile, so no application restart of its own). To see a job queued, the test
 * keeps the only worker on a first job: it holds the whole decode budget, so the renderer, about to
 * read that job's upload, waits until the test lets go. Every wait has a deadline; none is a fixed
 * pause.
 */
@QuarkusTest
@TestProfile(CancelRunningTest.SlowWorker.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class JobEventsStreamTest {

    /** Far beyond what a job of 3 s needs on a loaded machine: a deadline, not an expectation. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL base;

    @Inject
    JobWorker worker;
    @Inject
    JobRepository jobs;
    @Inject
    UploadStore uploads;
    @Inject
    DecodeBudget decodes;

    private String blocker;
    private DecodeBudget.Lease hold;

    /** Whatever a test left holding the worker is let go, so the next test finds it free. */
    @AfterEach
    void freeTheWorker() {
        release();
        if (blocker != null) {
            given().delete("/api/v1/jobs/" + blocker); // 409 when it has already ended: nothing to free
        }
    }

    @Test
    void aVideoIsStreamedQueuedThenRunningWithItsProgressThenSucceeded() throws Exception {
        holdTheWorker(submitBlocker());
        String id = given().contentType("application/json")
                .body("{\"prompt\":\"a paper boat drifting down a gutter\",\"duration_seconds\":4,\"seed\":21}")
                .post("/api/v1/generate/text-to-video").then().statusCode(202).extract().path("id");

        List<JsonNode> events = new ArrayList<>();
        try (EventStream stream = EventStream.open(base, id)) {
            events.add(stream.next(DEADLINE));
            release();
            events.addAll(stream.untilEnd(DEADLINE));
        }

        assertEquals(List.of("queued", "running", "succeeded"), statusesInOrder(events), "each state, in order, none left out");
        assertEquals(1, events.get(0).get("position").asInt(), "first in line behind the running job");
        List<Double> progress = events.stream().filter(e -> "running".equals(status(e)) && !e.get("progress").isNull())
                .map(e -> e.get("progress").asDouble()).toList();
        assertFalse(progress.isEmpty(), "progress snapshots while it renders: " + events);
        assertTrue(progress.stream().allMatch(p -> p >= 0 && p < 1), "a running job's progress is below 1: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
        JsonNode last = events.get(events.size() - 1);
        assertEquals(1.0, last.get("progress").asDouble(), "done is 1");
        assertEquals("video/mp4", last.get("result").get("content_type").asText());
        assertEquals("/api/v1/jobs/" + id + "/result", last.get("result").get("url").asText());
    }

    @Test
    void aJobThatFailsEndsItsStreamWithTheFailure() throws Exception {
        String first = submitBlocker();
        // submitted before the hold: checking an upload decodes it within the same budget
        String id = submitPicture("as a woodcut");
        // The upload lost while the job waits (an instance stopped between storing it and its job):
        // the worker that takes the job fails it, as it would in production.
        uploads.deleteFor(jobs.findByIdOptional(id).orElseThrow());
        holdTheWorker(first);

        List<JsonNode> events = new ArrayList<>();
        try (EventStream stream = EventStream.open(base, id)) {
            events.add(stream.next(DEADLINE));
            release();
            events.addAll(stream.untilEnd(DEADLINE));
        }

        List<String> statuses = statusesInOrder(events);
        assertEquals("queued", statuses.get(0));
        assertEquals("failed", statuses.get(statuses.size() - 1), "the stream ends on the failure: " + statuses);
        assertEquals("input_missing", events.get(events.size() - 1).get("error").get("code").asText());
    }

    @Test
    void aJobCanceledWhileItWaitsEndsItsStream() throws Exception {
        holdTheWorker(submitBlocker());
        String id = submit("{\"prompt\":\"a heron on one leg\",\"seed\":23}");

        List<JsonNode> events;
        try (EventStream stream = EventStream.open(base, id)) {
            assertEquals("queued", status(stream.next(DEADLINE)));
            given().delete("/api/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("canceled"));
            events = stream.untilEnd(DEADLINE);
        }

        assertEquals("canceled", status(events.get(events.size() - 1)), "the stream ends on the cancel: " + events);
        assertTrue(events.stream().noneMatch(e -> "running".equals(status(e))), "a canceled job is never taken");
    }

    @Test
    void aJobCanceledWhileItRunsEndsItsStream() throws Exception {
        String id = submitBlocker();
        holdTheWorker(id);

        List<JsonNode> events;
        try (EventStream stream = EventStream.open(base, id)) {
            while (!"running".equals(status(stream.next(DEADLINE)))) {
                // a snapshot from before the claim reached this instance's board: the next one shows it
            }
            given().delete("/api/v1/jobs/" + id).then().statusCode(200);
            events = stream.untilEnd(DEADLINE);
        }

        assertEquals("canceled", status(events.get(events.size() - 1)), "the stream ends on the cancel: " + events);
    }

    /** A picture to restyle: its job reads its upload, so the decode budget can hold it. */
    private String submitBlocker() {
        blocker = submitPicture("as a lighthouse keeper's lamp");
        return blocker;
    }

    private static String submitPicture(String prompt) {
        return given().multiPart("image", "harbour.png", TestImages.picture(300, 200, "png"), "image/png")
                .multiPart("prompt", prompt).post("/api/v1/generate/image-to-image")
                .then().statusCode(202).extract().path("id");
    }

    /**
     * Holds the whole decode budget and waits until the only worker has taken {@code id}: after the
     * renderer's 3 s it waits for the budget, so the worker stays on it until {@link #release}.
     */
    private void holdTheWorker(String id) throws InterruptedException {
        hold = decodes.lease(decodes.capacity(), DEADLINE);
        assertTrue(hold != null, "the decode budget was free");
        // asked of the worker, not over HTTP: status reads this fast would meet the per-address limit
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!worker.runningJobs().contains(id)) {
            assertTrue(System.nanoTime() < deadline, "the worker never took job " + id);
            Thread.sleep(20);
        }
    }

    private void release() {
        if (hold != null) {
            hold.close();
            hold = null;
        }
    }

    /** The statuses of a stream, a repeat (heartbeat, progress) counted once. */
    private static List<String> statusesInOrder(List<JsonNode> events) {
        List<String> statuses = new ArrayList<>();
        for (JsonNode event : events) {
            String status = status(event);
            if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static String status(JsonNode event) {
        return event.get("status").asText();
    }

    /**
     * One {@code text/event-stream} answer, read line by line on its own thread as the bytes
     * arrive: each {@code data:} line is a job snapshot, and the end of the answer is the end of
     * the stream.
     */
    static final class EventStream implements AutoCloseable {

        private static final JsonNode END = TextNode.valueOf("end of stream");

        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final Stream<String> lines;
        private final Thread reader;

        private EventStream(Stream<String> lines) {
            this.lines = lines;
            this.reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(URL base, String id) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "api/v1/jobs/" + id + "/events"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            return new EventStream(response.body());
        }

        private void read() {
            try {
                lines.filter(line -> line.startsWith("data:")).forEach(line -> events.add(parse(line.substring(5).trim())));
            } catch (RuntimeException e) {
                // closed by the test, or the connection dropped: either way no more events
            } finally {
                events.add(END);
            }
        }

        /** The next snapshot; fails when the stream ends first or nothing comes within {@code within}. */
        JsonNode next(Duration within) throws InterruptedException {
            JsonNode event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null || event == END) {
                throw new AssertionError(event == null ? "no event within " + within : "the stream ended");
            }
            return event;
        }

        /** Every snapshot until the server ends the stream; fails if it has not ended within {@code within}. */
        List<JsonNode> untilEnd(Duration within) throws InterruptedException {
            List<JsonNode> seen = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                JsonNode event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("the stream was still open after " + within + "; saw " + seen);
                }
                if (event == END) {
                    assertFalse(seen.isEmpty(), "the stream ended without a snapshot");
                    return seen;
                }
                seen.add(event);
            }
        }

        @Override
        public void close() {
            lines.close();
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }
}
