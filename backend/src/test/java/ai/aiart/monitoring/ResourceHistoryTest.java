package ai.aiart.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The resource history covers the whole period asked for, downsampled by the store: a month of
 * two instances' snapshots answers a bounded number of points per instance from the month's first
 * hour to its last, each the mean (and peak, and sum) of what was stored in its bucket; a day
 * keeps one point a minute.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class ResourceHistoryTest {

    private static final List<String> MONTH = List.of("hist-primary", "hist-fallback");

    @Inject
    AnalyticsService analytics;
    @Inject
    MongoClient mongo;
    @Inject
    TestClock clock;

    private MongoCollection<Document> snapshots;
    private Instant now;

    @BeforeEach
    void freeze() {
        clock.freeze();
        now = Instant.now(clock);
        snapshots = mongo.getDatabase("aiart").getCollection("resource_metrics");
        snapshots.deleteMany(Filters.regex("instance", "^hist-"));
    }

    @AfterEach
    void release() {
        snapshots.deleteMany(Filters.regex("instance", "^hist-"));
        clock.reset();
    }

    @Test
    void thirtyDaysAnswerTheWholeMonthInBoundedBucketsOfMeansPeaksAndSums() {
        // a sparse grid over 30 days and a minute: the primary every 10 minutes, the fallback every 25
        List<Document> inserted = new ArrayList<>();
        Instant start = now.minus(Duration.ofDays(30));
        for (String instance : MONTH) {
            long every = instance.equals("hist-primary") ? 10 : 25;
            for (Instant at = start.plusSeconds(90); at.isBefore(now); at = at.plus(Duration.ofMinutes(every))) {
                long minute = at.getEpochSecond() / 60;
                inserted.add(snapshot(instance, at, (minute % 97) / 100.0, (minute % 13), minute % 5));
            }
        }
        snapshots.insertMany(inserted);

        ResourceHistory.History history = analytics.resourceHistory(30 * 24);
        assertEquals(1800, history.resolutionSeconds(), "30 days in half-hours");
        assertEquals(start.toString(), history.from());
        assertEquals(now.toString(), history.to());

        long step = history.resolutionSeconds() * 1000L;
        for (String instance : MONTH) {
            List<Document> points = history.points().stream().filter(p -> instance.equals(p.getString("instance"))).toList();
            assertTrue(points.size() <= ResourceHistory.MAX_POINTS + 1, instance + ": " + points.size() + " points");
            assertTrue(points.size() > 1000, instance + " has a point for (nearly) every half-hour: " + points.size());
            Instant first = points.get(0).getDate("at").toInstant();
            Instant last = points.get(points.size() - 1).getDate("at").toInstant();
            assertTrue(!first.isAfter(start.plus(Duration.ofHours(1))), instance + " starts at the month's start, not " + first);
            assertTrue(!last.isBefore(now.minus(Duration.ofHours(1))), instance + " ends now, not at " + last);

            // every bucket holds the mean, peak and sum of the snapshots inserted in it
            Map<Long, List<Document>> expected = inserted.stream().filter(d -> instance.equals(d.getString("instance")))
                    .collect(Collectors.groupingBy(d -> Math.floorDiv(d.getDate("at").getTime(), step) * step, TreeMap::new, Collectors.toList()));
            assertEquals(expected.size(), points.size(), instance + ": one point per bucket with snapshots");
            for (Document point : points) {
                List<Document> in = expected.get(point.getDate("at").getTime());
                assertNotNull(in, "a point at a bucket's start: " + point.toJson());
                assertEquals(in.size(), point.getInteger("samples"), point.toJson());
                assertEquals(round(in.stream().mapToDouble(d -> d.getDouble("cpu")).average().orElseThrow(), 4), point.getDouble("cpu"), 1e-9, point.toJson());
                assertEquals(in.stream().mapToDouble(d -> d.getDouble("cpu")).max().orElseThrow(), point.getDouble("cpu_max"), 1e-9, point.toJson());
                assertEquals(round(in.stream().mapToLong(d -> d.getLong("queue_length")).average().orElseThrow(), 2), point.getDouble("queue_length"), 1e-9, point.toJson());
                assertEquals(in.stream().mapToLong(d -> d.getLong("queue_length")).max().orElseThrow(), ((Number) point.get("queue_length_max")).longValue(), point.toJson());
                assertEquals(in.stream().mapToLong(d -> d.getLong("store_commands")).sum(), ((Number) point.get("store_commands")).longValue(), point.toJson());
                assertEquals(in.stream().anyMatch(d -> d.getBoolean("hibernating")), point.getBoolean("hibernating"), point.toJson());
            }
        }
        // oldest first across instances, so the dashboard reads them in order
        List<Long> times = history.points().stream().map(p -> p.getDate("at").getTime()).toList();
        assertEquals(times.stream().sorted().toList(), times);
    }

    @Test
    void sevenDaysAreTenMinuteBucketsAndADayKeepsEveryMinute() {
        assertEquals(600, ResourceHistory.resolutionSeconds(7 * 24));
        assertEquals(60, ResourceHistory.resolutionSeconds(24));
        assertEquals(60, ResourceHistory.resolutionSeconds(1));

        // three hours of minute snapshots, taken a few seconds into each minute
        Instant firstMinute = now.minus(Duration.ofHours(3));
        List<Document> inserted = new ArrayList<>();
        for (int m = 0; m < 180; m++) {
            Instant at = Instant.ofEpochSecond((firstMinute.getEpochSecond() / 60 + m) * 60 + 7);
            if (at.isBefore(now)) {
                inserted.add(snapshot("hist-minute", at, m / 200.0, m, m % 3));
            }
        }
        snapshots.insertMany(inserted);

        ResourceHistory.History day = analytics.resourceHistory(24);
        assertEquals(60, day.resolutionSeconds());
        List<Document> points = day.points().stream().filter(p -> "hist-minute".equals(p.getString("instance"))).toList();
        assertEquals(inserted.size(), points.size(), "one point per minute snapshot");
        for (int i = 0; i < points.size(); i++) {
            Document point = points.get(i);
            Document snapshot = inserted.get(i);
            assertEquals(snapshot.getDate("at").getTime() / 60_000 * 60_000, point.getDate("at").getTime(), "the snapshot's minute");
            assertEquals(1, point.getInteger("samples"));
            assertEquals(snapshot.getDouble("cpu"), point.getDouble("cpu"), 1e-9);
            assertEquals(snapshot.getLong("queue_length"), ((Number) point.get("queue_length")).longValue());
            assertFalse(point.containsKey("cpu_max"), "a minute's peak is its mean: not answered twice");
        }
    }

    private static Document snapshot(String instance, Instant at, double cpu, long queue, long storeCommands) {
        return new Document("instance", instance).append("at", Date.from(at)).append("cpu", cpu).append("memory", 0.5)
                .append("load", 1.0).append("rss_bytes", 200_000_000L).append("active_requests", 1).append("queue_length", queue)
                .append("running_jobs", 1L).append("mean_response_ms", 20.0).append("hibernating", queue == 12)
                .append("store_ops_per_second", 0.5).append("store_commands", storeCommands);
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
