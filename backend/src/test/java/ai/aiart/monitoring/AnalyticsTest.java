package ai.aiart.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Analytics figures are exact for a seeded data set. The reports are asked at known instants
 * (the service with a fixed clock), never at the wall clock's: a day bucket then cannot change
 * between seeding and asking, however near midnight UTC the test runs.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class AnalyticsTest {

    /**
     * When the reports are asked: noon UTC of the day the tests run. The day is the real one so that
     * the monitoring retention (records older than {@code aiart.monitoring.keep}) never takes the
     * seed; the hour is fixed, once for the whole class, so that nothing depends on when the test runs.
     */
    private static final Instant NOON = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);

    @Inject
    MongoClient mongo;
    @Inject
    MonitoringStore monitoring;

    private MongoDatabase db;
    private AnalyticsService analytics;
    private TrafficRollup traffic;
    private Instant today;
    private Instant yesterday;

    @BeforeEach
    void seed() {
        db = mongo.getDatabase("aiart");
        // requests of earlier tests are still counted in memory: written now, they cannot land among the seeded ones
        monitoring.flushAll();
        for (String c : new String[] {TrafficRollup.COLLECTION, "jobs", "donations"}) {
            db.getCollection(c).deleteMany(new Document());
        }
        analytics = at(NOON);
        traffic = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        today = NOON.truncatedTo(ChronoUnit.DAYS).plusSeconds(60); // 00:01 UTC
        yesterday = today.minusSeconds(86_400);
        // yesterday: 2 visitors, 10 requests taking 10, 20 … 100 ms
        for (int i = 1; i <= 10; i++) {
            request(yesterday, i % 2 == 0 ? "a" : "b", i * 10);
        }
        // today: 3 visitors, 4 requests
        request(today, "a", 50);
        request(today, "c", 150);
        request(today, "d", 250);
        request(today, "d", 1000);
        event(today, "page_view", "e");
        event(today, "page_view", "a");
        event(today, "click", "a");
        job(yesterday, "succeeded", "anonymous", "ip:a");
        job(yesterday, "failed", "anonymous", "ip:b");
        job(today, "succeeded", "registered", "user:1");
        job(today, "succeeded", "registered", "user:1");
        job(today, "succeeded", "donor", "user:2");
        job(today, "canceled", "anonymous", "ip:a");
        db.getCollection(TrafficRollup.COLLECTION).insertMany(traffic.all());
    }

    @AfterEach
    void removeTheSeededJobs() {
        // they are records for counting, not jobs: a worker of a later test must not find one queued
        db.getCollection("jobs").deleteMany(new Document());
    }

    @Test
    void figuresPerDayAndForTheRange() {
        AnalyticsService.Report report = analytics.report(2);
        assertEquals(2, report.days().size());
        AnalyticsService.Day y = report.days().get(0);
        AnalyticsService.Day t = report.days().get(1);

        assertEquals(2, y.activeUsers());
        assertEquals(10, y.requests());
        assertEquals(55.0, y.meanResponseMs());
        assertEquals(100.0, y.p95ResponseMs());
        assertEquals(0.5, y.successRate());
        assertEquals(Map.of("succeeded", 1L, "failed", 1L), y.jobs());

        assertEquals(4, t.activeUsers(), "a, c, d from requests and e from a page view");
        assertEquals(2, t.pageViews());
        assertEquals(362.5, t.meanResponseMs());
        assertEquals(1000.0, t.p95ResponseMs());
        assertEquals(1.0, t.successRate());

        assertEquals(Map.of("anonymous", 3L, "registered", 2L, "donor", 1L), report.tiers());
        assertEquals(2, report.conversion().anonymous());
        assertEquals(1, report.conversion().registered());
        assertEquals(1, report.conversion().donor());
        assertEquals(0.5, report.conversion().signedInRate());
        assertEquals(0.25, report.conversion().donorRate());
        assertEquals(6, report.totals().jobs());
        assertEquals(0.8, report.totals().successRate());
        assertEquals(5, report.totals().activeUsers());
    }

    @Test
    void theFunnelCountsViewersCreatorsSignedInCreatorsAndDonations() {
        db.getCollection("donations").insertMany(List.of(
                new Document("_id", "k-1").append("type", "Donation").append("received_at", Date.from(today)),
                new Document("_id", "k-0").append("type", "Donation").append("received_at", Date.from(today.minusSeconds(5 * 86_400)))));
        AnalyticsService.Funnel funnel = analytics.report(2).funnel();
        // page views from e and a (a's click and the requests of b, c, d are not visits of a page)
        assertEquals(2, funnel.visitors());
        assertEquals(4, funnel.creators(), "ip:a, ip:b, user:1, user:2");
        assertEquals(2.0, funnel.creatorsShare(), "identities, not addresses: an API client creates without a page view");
        assertEquals(2, funnel.registered(), "user:1 and user:2 created signed in");
        assertEquals(0.5, funnel.registeredShare());
        assertEquals(1, funnel.donors(), "the donation of 5 days ago is outside the period");
        assertEquals(0.5, funnel.donorsShare());

        db.getCollection("donations").deleteMany(new Document());
        db.getCollection("jobs").deleteMany(new Document());
        AnalyticsService.Funnel none = analytics.report(2).funnel();
        assertEquals(0, none.creators());
        assertNull(none.registeredShare(), "no creators: no share rather than 0 %");
        assertNull(none.donorsShare());
    }

    @Test
    void usagePatternsByHourOfDayTierKindRefusalAndRepeatVisit() {
        traffic = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        Instant evening = today.plusSeconds(17 * 3600); // 17:01 UTC
        for (String reason : List.of("shared_limit", "shared_limit", "rate_limited")) {
            traffic.request(evening, "test-a", "POST", "/api/v1/generate/text-to-image", 429, 20, "c", reason);
        }
        traffic.request(evening, "test-a", "GET", "/api/v1/jobs/{id}/result", 503, 20, "f", "resource_limit");
        traffic.request(evening, "test-b", "POST", "/api/v1/generate/text-to-image", 503, 20, "f", "resource_limit");
        db.getCollection(TrafficRollup.COLLECTION).insertMany(traffic.all());
        db.getCollection("jobs").insertOne(new Document("_id", "video-1").append("created_at", Date.from(evening))
                .append("status", "queued").append("tier", "registered").append("owner", "user:1").append("kind", "text-to-video"));

        AnalyticsService.Usage usage = analytics.report(2).usage();
        assertEquals(24, usage.hoursOfDay().size());
        AnalyticsService.HourOfDay midnight = usage.hoursOfDay().get(0);
        assertEquals(new AnalyticsService.HourOfDay(0, 14, 2, 6, 5), midnight, "both days' 00:01 minutes add up in hour 0");
        assertEquals(new AnalyticsService.HourOfDay(17, 5, 0, 1, 2), usage.hoursOfDay().get(17));
        assertEquals(0, usage.hoursOfDay().get(5).requests());

        assertEquals(Map.of("anonymous", Map.of("text-to-image", 3L), "registered", Map.of("text-to-image", 2L, "text-to-video", 1L),
                "donor", Map.of("text-to-image", 1L)), usage.creations());
        assertEquals(Map.of("text-to-image", 6L, "text-to-video", 1L), usage.kinds());

        assertEquals(List.of(
                new AnalyticsService.RefusalCount("resource_limit", 2, Map.of("GET /api/v1/jobs/{id}/result", 1L,
                        "POST /api/v1/generate/text-to-image", 1L)),
                new AnalyticsService.RefusalCount("shared_limit", 2, Map.of("POST /api/v1/generate/text-to-image", 2L)),
                new AnalyticsService.RefusalCount("rate_limited", 1, Map.of("POST /api/v1/generate/text-to-image", 1L))),
                usage.refusals(), "most first, ties by name");

        assertEquals(6, usage.activeUsers(), "a, b, c, d, e and f");
        assertEquals(1, usage.repeatVisitors(), "only a was seen yesterday and today");
        assertEquals(0.1667, usage.repeatShare());
        assertEquals(0, analytics.report(1).usage().repeatVisitors(), "one day: nobody is seen on two");
    }

    @Test
    void anEmptyRangeHasNoRatesRatherThanZeroes() {
        for (String c : new String[] {TrafficRollup.COLLECTION, "jobs"}) {
            db.getCollection(c).deleteMany(new Document());
        }
        AnalyticsService.Day day = analytics.report(1).days().get(0);
        assertNull(day.successRate());
        assertNull(day.meanResponseMs());
        assertNull(analytics.report(1).conversion().signedInRate());
    }

    @Test
    void hourlyBucketsAreUtcHoursWhoseFiguresAreTheSumOfTheirMinutes() {
        for (String c : new String[] {TrafficRollup.COLLECTION, "jobs"}) {
            db.getCollection(c).deleteMany(new Document());
        }
        Instant midnight = Instant.parse("2026-11-27T00:00:00Z");
        traffic = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        // 23:00–23:59: three minutes; 00:00–00:59: two; 05:00: one (the current hour)
        request(midnight.minusSeconds(3540), "a", 10);
        request(midnight.minusSeconds(1800), "b", 20);
        request(midnight.minusSeconds(30), "a", 30);
        request(midnight.minusSeconds(30), "c", 40);
        event(midnight.minusSeconds(30), "page_view", "d");
        request(midnight.plusSeconds(30), "a", 100);
        request(midnight.plusSeconds(3570), "e", 300);
        request(midnight.plusSeconds(5 * 3600 + 60), "f", 5);
        request(midnight.minusSeconds(25 * 3600), "old", 1); // before the 24 hours
        job(midnight.minusSeconds(60), "succeeded", "anonymous", "ip:a"); // 23:59
        job(midnight.plusSeconds(60), "failed", "registered", "user:1"); // 00:01
        db.getCollection(TrafficRollup.COLLECTION).insertMany(traffic.all());

        AnalyticsService at0520 = new AnalyticsService(mongo, "aiart", Clock.fixed(midnight.plusSeconds(5 * 3600 + 1200), ZoneOffset.UTC));
        AnalyticsService.Report report = at0520.hourly(24);
        assertEquals("2026-11-26T06:00:00Z", report.from());
        assertEquals("2026-11-27T06:00:00Z", report.to());
        assertEquals(List.of(), report.days());
        assertEquals(24, report.hours().size());
        Map<String, AnalyticsService.Day> byHour = new HashMap<>();
        report.hours().forEach(h -> byHour.put(h.date(), h));
        assertEquals("2026-11-26T06:00:00Z", report.hours().get(0).date());
        assertEquals("2026-11-27T05:00:00Z", report.hours().get(23).date());

        AnalyticsService.Day h23 = byHour.get("2026-11-26T23:00:00Z");
        assertEquals(4, h23.requests());
        assertEquals(4, h23.activeUsers(), "a, b, c and d (a page view)");
        assertEquals(1, h23.pageViews());
        assertEquals(25.0, h23.meanResponseMs());
        assertEquals(Map.of("succeeded", 1L), h23.jobs(), "the job at 23:59 is in the 23:00 hour");
        AnalyticsService.Day h00 = byHour.get("2026-11-27T00:00:00Z");
        assertEquals(2, h00.requests());
        assertEquals(200.0, h00.meanResponseMs());
        assertEquals(300.0, h00.p95ResponseMs());
        assertEquals(Map.of("failed", 1L), h00.jobs(), "the job at 00:01 is in the 00:00 hour");
        assertEquals(1, byHour.get("2026-11-27T05:00:00Z").requests());
        assertEquals(7, report.hours().stream().mapToLong(AnalyticsService.Day::requests).sum(), "the request 25 h ago is left out");
        assertEquals(2, report.totals().jobs());
        assertEquals(6, report.totals().activeUsers());

        // the 24 hours of a UTC day add up to that day's figures
        Clock lateThatDay = Clock.fixed(Instant.parse("2026-11-27T23:30:00Z"), ZoneOffset.UTC);
        long hourly = new AnalyticsService(mongo, "aiart", lateThatDay).hourly(24).hours().stream()
                .mapToLong(AnalyticsService.Day::requests).sum();
        assertEquals(new AnalyticsService(mongo, "aiart", lateThatDay).report(1).days().get(0).requests(), hourly);
        assertEquals(3, hourly);
    }

    /**
     * A report asked a moment before midnight UTC and one asked a moment after put the same records
     * in their own days: the minute 23:59 and a job of 23:59:59.999 belong to the day that ends, the
     * minute 00:00 and a job of 00:00 to the next, which the report before midnight does not reach.
     */
    @Test
    void theDayEndsAtMidnightUtcForTheRecordsAndForTheReport() {
        for (String c : new String[] {TrafficRollup.COLLECTION, "jobs"}) {
            db.getCollection(c).deleteMany(new Document());
        }
        Instant midnight = NOON.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        String day = LocalDate.ofInstant(NOON, ZoneOffset.UTC).toString();
        String next = LocalDate.ofInstant(midnight, ZoneOffset.UTC).toString();
        traffic = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        request(midnight.minusSeconds(1), "late", 10);
        request(midnight, "early", 30);
        job(midnight.minusMillis(1), "succeeded", "anonymous", "ip:late");
        job(midnight, "failed", "anonymous", "ip:early");
        db.getCollection(TrafficRollup.COLLECTION).insertMany(traffic.all());

        AnalyticsService.Report before = at(midnight.minusMillis(1)).report(2);
        assertEquals(day, before.to());
        assertEquals(day, before.days().get(1).date());
        assertEquals(1, before.days().get(1).requests());
        assertEquals(10.0, before.days().get(1).meanResponseMs());
        assertEquals(Map.of("succeeded", 1L), before.days().get(1).jobs());
        assertEquals(1, before.totals().jobs(), "the next day has not begun: its job is not in the range");
        assertEquals(1, before.totals().activeUsers());

        AnalyticsService.Report after = at(midnight).report(2);
        assertEquals(List.of(day, next), after.days().stream().map(AnalyticsService.Day::date).toList());
        AnalyticsService.Day ended = after.days().get(0);
        AnalyticsService.Day begun = after.days().get(1);
        assertEquals(1, ended.requests());
        assertEquals(Map.of("succeeded", 1L), ended.jobs(), "the job of 23:59:59.999 stays in the day that ended");
        assertEquals(1, begun.requests());
        assertEquals(30.0, begun.meanResponseMs());
        assertEquals(Map.of("failed", 1L), begun.jobs(), "the job of 00:00 is the new day's");
        assertEquals(2, after.totals().jobs());

        AnalyticsService.Report newDay = at(midnight).report(1);
        assertEquals(List.of(next), newDay.days().stream().map(AnalyticsService.Day::date).toList());
        assertEquals(1, newDay.totals().jobs());
        assertEquals(0.0, newDay.totals().successRate());
    }

    /** The service as it answers at {@code instant}. */
    private AnalyticsService at(Instant instant) {
        return new AnalyticsService(mongo, "aiart", Clock.fixed(instant, ZoneOffset.UTC));
    }

    private void request(Instant at, String ip, double ms) {
        traffic.request(at, "test-a", "GET", "/api/v1/jobs/{id}", 200, TrafficRollup.tenths(ms), ip);
    }

    private void event(Instant at, String type, String ip) {
        traffic.pageEvent(at, "test-b", type, "/", "click".equals(type) ? "create" : null, ip);
    }

    private void job(Instant at, String status, String tier, String owner) {
        db.getCollection("jobs").insertOne(new Document("_id", java.util.UUID.randomUUID().toString())
                .append("created_at", Date.from(at)).append("status", status).append("tier", tier).append("owner", owner)
                .append("kind", "text-to-image"));
    }
}
