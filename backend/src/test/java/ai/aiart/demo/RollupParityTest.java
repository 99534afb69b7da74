package ai.aiart.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import ai.aiart.monitoring.AnalyticsService;
import ai.aiart.monitoring.RawLogAnalytics;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The same generated traffic both ways: as every request and page event (the old raw collections,
 * read by {@link RawLogAnalytics}, the computation analytics used before) and as the per-minute
 * roll-ups the backend writes now (read by {@link AnalyticsService}). Every figure of the report
 * must be equal, for every range the dashboard asks.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class RollupParityTest {

    private static final int[] RANGES = {1, 2, 7, 30};

    @Inject
    MongoClient mongo;

    @Test
    void theSeededDayGivesTheSameReportFromRollUpsAsFromEveryRequest() {
        // the dashboard's day (make demo-day's defaults), with its burst, restart and 500s
        DemoDay.Options options = new DemoDay.Options("unused", "rollup_parity", 7, 24, Instant.parse("2026-11-26T18:00:00Z"),
                450, false);
        compare(options, traffic -> printFigures(options, traffic));
    }

    @Test
    void aLongerPeriodEndingEarlyInTheMorningGivesTheSameReportToo() {
        compare(new DemoDay.Options("unused", "rollup_parity", 3, 30, Instant.parse("2026-11-26T06:17:00Z"), 600, false), traffic -> { });
    }

    /** Writes the period both ways into a database of its own, compares every range, then runs {@code more} on it. */
    private void compare(DemoDay.Options options, Consumer<DemoTraffic> more) {
        MongoDatabase db = mongo.getDatabase(options.database()).withCodecRegistry(DemoDay.codecs());
        clear(db);
        try {
            DemoTraffic traffic = DemoTraffic.generate(options);
            DemoDay.write(db, options, traffic);
            db.getCollection("request_log").insertMany(rawRequests(traffic));
            db.getCollection("page_events").insertMany(rawPageEvents(traffic));
            // the report's "today" is the generated period's last day
            Clock clock = Clock.fixed(options.end(), ZoneOffset.UTC);
            RawLogAnalytics oracle = new RawLogAnalytics(mongo, options.database(), clock);
            AnalyticsService rollups = new AnalyticsService(mongo, options.database(), clock);
            for (int days : RANGES) {
                AnalyticsService.Report expected = oracle.report(days);
                AnalyticsService.Report actual = rollups.report(days).withoutUsage(); // the raw logs never had the funnel's or patterns' figures
                assertEquals(expected, actual, days + " days");
                if (days == 30) {
                    // not an empty equality: the range holds the whole period
                    assertEquals(traffic.requests().size(), expected.days().stream().mapToLong(AnalyticsService.Day::requests).sum());
                    assertTrue(expected.totals().pageViews() > 0 && expected.totals().activeUsers() > 0);
                    assertNotNull(expected.totals().p95ResponseMs());
                    assertTrue(expected.days().stream().filter(d -> d.requests() > 0).count() >= options.hours() / 24);
                }
            }
            more.accept(traffic);
        } finally {
            clear(db);
        }
    }

    /** Empties every collection (the embedded store cannot drop a database that has indexed collections). */
    private static void clear(MongoDatabase db) {
        for (String collection : db.listCollectionNames()) {
            db.getCollection(collection).deleteMany(new Document());
        }
    }

    /**
     * What the figures come from, and what they cost, for the seeded day: stored bytes and store
     * commands of the raw logs and of the roll-ups, and the 30-day report's time both ways on the
     * database {@link #compare} filled (printed, not asserted: the benchmark's kind of figure, for
     * docs/OPERATIONS.md).
     */
    private void printFigures(DemoDay.Options options, DemoTraffic traffic) {
        List<Document> requests = rawRequests(traffic);
        List<Document> events = rawPageEvents(traffic);
        List<Document> minutes = DemoDay.rollUp(traffic);
        long rawBytes = bytes(requests) + bytes(events);
        long rollupBytes = bytes(minutes);
        assertTrue(rollupBytes < rawBytes, "roll-ups " + rollupBytes + " B, raw " + rawBytes + " B");

        // commands: before, each instance inserted its buffered requests every 5 s (one insertMany of up
        // to 1,000 entries when there were any) and every beacon on its own; now one insert per minute with traffic
        Set<String> flushes = new HashSet<>();
        traffic.requests().forEach(r -> flushes.add(r.instance() + "/" + r.at().toEpochMilli() / 5000));
        long rawCommands = flushes.size() + events.size();
        Map<Long, Long> rawPerMinute = new HashMap<>();
        flushes.forEach(f -> rawPerMinute.merge(Long.parseLong(f.substring(f.indexOf('/') + 1)) / 12, 1L, Long::sum));
        traffic.pageEvents().forEach(e -> rawPerMinute.merge(e.at().toEpochMilli() / 60_000, 1L, Long::sum));
        Map<Long, Long> rollupPerMinute = new HashMap<>();
        minutes.forEach(m -> rollupPerMinute.merge(m.getDate("at").getTime() / 60_000, 1L, Long::sum));
        int periodMinutes = options.hours() * 60;

        Clock clock = Clock.fixed(options.end(), ZoneOffset.UTC);
        RawLogAnalytics oracle = new RawLogAnalytics(mongo, options.database(), clock);
        AnalyticsService rollups = new AnalyticsService(mongo, options.database(), clock);
        List<Long> rawMs = new ArrayList<>();
        List<Long> rollupMs = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            long t0 = System.nanoTime();
            oracle.report(30);
            long t1 = System.nanoTime();
            rollups.report(30);
            long t2 = System.nanoTime();
            if (run > 0) { // the first run warms both up
                rawMs.add((t1 - t0) / 1_000_000);
                rollupMs.add((t2 - t1) / 1_000_000);
            }
        }
        System.out.printf(Locale.ROOT, """
                Roll-up figures, seeded day (seed 7, 450 visitors, 24 h ending %s):
                  raw:      %,d request_log + %,d page_events documents, %,d bytes (BSON), %,d insert commands \
                (%.2f a minute on average, %d in the busiest minute)
                  roll-ups: %,d traffic_minutes documents, %,d bytes (BSON), %,d insert commands \
                (%.2f a minute on average, %d in the busiest minute); %.1f%% of the raw bytes
                  30-day report on the embedded store, in process: raw %s ms, roll-ups %s ms
                """, options.end(), requests.size(), events.size(), rawBytes, rawCommands,
                (double) rawCommands / periodMinutes, rawPerMinute.values().stream().mapToLong(Long::longValue).max().orElse(0),
                minutes.size(), rollupBytes, minutes.size(), (double) minutes.size() / periodMinutes,
                rollupPerMinute.values().stream().mapToLong(Long::longValue).max().orElse(0),
                100.0 * rollupBytes / rawBytes, rawMs, rollupMs);
        Map<String, Long> parts = new java.util.TreeMap<>();
        for (Document m : minutes) {
            m.forEach((field, value) -> parts.merge(field, bytes(List.of(new Document(field, value))) - 5, Long::sum));
        }
        System.out.println("  roll-up bytes by field: " + parts);
    }

    /** The request log as the backend wrote it before the roll-ups: RequestLogEntry's stored shape. */
    static List<Document> rawRequests(DemoTraffic traffic) {
        List<Document> out = new ArrayList<>();
        for (DemoTraffic.Request r : traffic.requests()) {
            out.add(new Document("_id", new ObjectId()).append("at", Date.from(r.at())).append("duration_ms", r.durationMs())
                    .append("instance", r.instance()).append("ip_hash", r.ipHash()).append("method", r.method())
                    .append("path", r.path()).append("status", r.status()));
        }
        return out;
    }

    /** The page events as BeaconResource inserted them before: PageEvent's stored shape (no instance, no null target). */
    static List<Document> rawPageEvents(DemoTraffic traffic) {
        List<Document> out = new ArrayList<>();
        for (DemoTraffic.PageEvent e : traffic.pageEvents()) {
            Document d = new Document("_id", new ObjectId()).append("at", Date.from(e.at())).append("ip_hash", e.ipHash())
                    .append("page", e.page());
            if (e.target() != null) {
                d.append("target", e.target());
            }
            out.add(d.append("type", e.type()));
        }
        return out;
    }

    private static long bytes(List<Document> documents) {
        DocumentCodec codec = new DocumentCodec(DemoDay.codecs());
        long n = 0;
        for (Document d : documents) {
            n += new RawBsonDocument(d, codec).getByteBuffer().remaining();
        }
        return n;
    }
}
