package ai.aiart.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The per-minute roll-up on its own: what a minute holds, when it is handed out, its bounds, and under concurrency. */
class TrafficRollupTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final String IP_A = "a".repeat(32);
    private static final String IP_B = "b".repeat(32);

    @Test
    void aMinuteHoldsCountsByEndpointAndStatusClassTimesAndIps() {
        TrafficRollup rollup = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        rollup.request(T.plusSeconds(1), "p", "GET", "/api/v1/jobs/{id}", 200, TrafficRollup.tenths(12.3), IP_A);
        rollup.request(T.plusSeconds(2), "p", "GET", "/api/v1/jobs/{id}", 200, TrafficRollup.tenths(12.3), IP_B);
        rollup.request(T.plusSeconds(3), "p", "GET", "/api/v1/jobs/{id}", 404, TrafficRollup.tenths(4), IP_A);
        rollup.request(T.plusSeconds(4), "p", "GET", "/api/v1/jobs/{id}/events", 200, TrafficRollup.tenths(81_000), IP_A);
        rollup.pageEvent(T.plusSeconds(5), "p", "page_view", "/gallery.html", null, "c".repeat(32));
        rollup.pageEvent(T.plusSeconds(6), "p", "click", "/", "create", IP_A);
        rollup.pageEvent(T.plusSeconds(7), "p", "click", "/", null, IP_A);

        List<Document> minutes = rollup.all();
        assertEquals(1, minutes.size());
        Document m = minutes.get(0);
        assertEquals("p", m.getString("instance"));
        assertEquals(Date.from(T), m.getDate("at"));
        assertEquals(4, m.getInteger("requests"));
        assertEquals(List.of(
                new Document("endpoint", "GET /api/v1/jobs/{id}").append("2xx", 2).append("4xx", 1),
                new Document("endpoint", "GET /api/v1/jobs/{id}/events").append("2xx", 1)),
                m.getList("endpoints", Document.class), "by endpoint and status class");
        assertEquals(new Document("40", 1).append("123", 2), m.get("ms"), "tenths of a ms; the event stream is left out");
        assertEquals(List.of(IP_A, IP_B, "c".repeat(32)), m.getList("ips", String.class), "requests and beacons together");
        assertEquals(1, m.getInteger("page_views"));
        assertEquals(List.of(new Document("page", "/gallery.html").append("views", 1)), m.getList("pages", Document.class));
        assertEquals(List.of(new Document("page", "/").append("count", 1),
                new Document("page", "/").append("target", "create").append("count", 1)), m.getList("clicks", Document.class));
        assertFalse(m.containsKey("overflow"));
        assertEquals(0, rollup.held());
    }

    /**
     * The funnel's viewers are positions in {@code ips} (the hashes are not stored twice) and refusals
     * are kept by endpoint and reason; the sizes printed here are the ones docs/OPERATIONS.md states.
     */
    @Test
    void viewersArePositionsInIpsAndRefusalsAreCountedByEndpointAndReason() {
        TrafficRollup rollup = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        rollup.request(T, "p", "GET", "/api/v1/health", 200, 10, IP_A);
        rollup.pageEvent(T, "p", "page_view", "/", null, IP_B);
        rollup.pageEvent(T, "p", "click", "/", "create", IP_A); // a click is no visit
        rollup.request(T, "p", "POST", "/api/v1/generate/text-to-image", 429, 10, IP_A, "shared_limit");
        rollup.request(T, "p", "POST", "/api/v1/generate/text-to-image", 429, 10, IP_A, "shared_limit");
        rollup.request(T, "p", "GET", "/api/v1/jobs/{id}/result", 503, 10, IP_B, "resource_limit");
        Document d = rollup.all().get(0);
        assertEquals(List.of(IP_A, IP_B), d.getList("ips", String.class));
        assertEquals(List.of(1), d.getList("viewers", Integer.class), "IP_B, the one that viewed a page");
        assertEquals(List.of(
                new Document("endpoint", "GET /api/v1/jobs/{id}/result").append("reason", "resource_limit").append("count", 1),
                new Document("endpoint", "POST /api/v1/generate/text-to-image").append("reason", "shared_limit").append("count", 2)),
                d.getList("refusals", Document.class));

        assertEquals("shared_limit", TrafficRollup.refusalOf(429, "rate_limited", "\"network\";q=60;w=3600"));
        assertEquals("shared_limit", TrafficRollup.refusalOf(429, "rate_limited", "\"address\";q=20;w=3600"));
        assertEquals("rate_limited", TrafficRollup.refusalOf(429, "rate_limited", "\"anonymous\";q=5;w=3600"));
        assertEquals("blocked", TrafficRollup.refusalOf(429, "blocked", null));
        assertEquals("resource_limit", TrafficRollup.refusalOf(503, "resource_limit", null));
        assertEquals("503", TrafficRollup.refusalOf(503, null, null), "answered outside the REST layer");
        assertNull(TrafficRollup.refusalOf(400, "validation", null));

        // size: a busy minute, 200 addresses of which 150 viewed a page, 3 refused endpoints
        TrafficRollup busy = new TrafficRollup(new TrafficRollup.Limits(2000, 200, 3000));
        TrafficRollup without = new TrafficRollup(new TrafficRollup.Limits(2000, 200, 3000));
        for (int i = 0; i < 200; i++) {
            String ip = String.format("%032x", i);
            for (TrafficRollup r : List.of(busy, without)) {
                r.request(T, "p", "GET", "/api/v1/health", 200, 10, ip);
            }
            if (i < 150) {
                busy.pageEvent(T, "p", "page_view", "/", null, ip);
                without.pageEvent(T, "p", "page_view", "/", null, null);
            }
        }
        for (String reason : List.of("rate_limited", "shared_limit", "resource_limit")) {
            busy.request(T, "p", "POST", "/api/v1/generate/text-to-image", 429, 10, String.format("%032x", 1), reason);
            without.request(T, "p", "POST", "/api/v1/generate/text-to-image", 429, 10, String.format("%032x", 1));
        }
        int withBytes = bytes(busy.all().get(0));
        int withoutBytes = bytes(without.all().get(0));
        int added = withBytes - withoutBytes;
        System.out.printf("roll-up minute: %d bytes, %d of them viewers (150) and refusals (3)%n", withBytes, added);
        assertTrue(added < 150 * 9 + 3 * 110, "viewers ~8 bytes each, refusals ~100 bytes each: " + added);
    }

    private static int bytes(Document d) {
        return new org.bson.RawBsonDocument(d, new org.bson.codecs.DocumentCodec()).getByteBuffer().remaining();
    }

    @Test
    void onlyClosedMinutesAreHandedOutEachInstanceOnItsOwnOldestFirst() {
        TrafficRollup rollup = new TrafficRollup(new TrafficRollup.Limits(100, 100, 100));
        rollup.request(T.plusSeconds(70), "p", "GET", "/api/v1/health", 200, 30, IP_A);
        rollup.request(T.plusSeconds(10), "p", "GET", "/api/v1/health", 200, 30, IP_A);
        rollup.request(T.plusSeconds(20), "f", "GET", "/api/v1/health", 200, 30, IP_B);
        rollup.pageEvent(T.plusSeconds(130), "p", "page_view", "/", null, IP_A);

        assertEquals(List.of(), rollup.closed(T.plusSeconds(59)), "10:00 is still open at 10:00:59");
        List<Document> closed = rollup.closed(T.plusSeconds(60));
        assertEquals(List.of("f", "p"), closed.stream().map(d -> d.getString("instance")).toList());
        assertTrue(closed.stream().allMatch(d -> d.getDate("at").equals(Date.from(T))));
        assertEquals(List.of(Date.from(T.plusSeconds(60))), rollup.closed(T.plusSeconds(179)).stream().map(d -> d.getDate("at")).toList());
        Document open = rollup.all().get(0);
        assertEquals(Date.from(T.plusSeconds(120)), open.getDate("at"));
        assertFalse(open.containsKey("requests"), "a minute with beacons only stores no request parts: " + open.toJson());
        assertEquals(List.of(), rollup.all());
    }

    @Test
    void aMinuteIsBoundedAndCountsWhatDidNotFit() {
        TrafficRollup rollup = new TrafficRollup(new TrafficRollup.Limits(2, 2, 3));
        for (int i = 0; i < 10; i++) {
            rollup.request(T, "p", "GET", "/api/scan/" + i, 404, 10 + i, Integer.toString(i).repeat(32));
        }
        rollup.request(T, "p", "GET", "/api/scan/1", 404, 10, IP_A);
        for (int i = 0; i < 5; i++) {
            rollup.pageEvent(T, "p", "page_view", "/page" + i, null, IP_A);
            rollup.pageEvent(T, "p", "click", "/", "t" + i, IP_A);
        }
        Document m = rollup.all().get(0);
        assertEquals(11, m.getInteger("requests"), "every request is counted");
        assertEquals(List.of("0".repeat(32), "1".repeat(32)), m.getList("ips", String.class));
        assertEquals(List.of(
                new Document("endpoint", TrafficRollup.OTHER).append("4xx", 8),
                new Document("endpoint", "GET /api/scan/0").append("4xx", 1),
                new Document("endpoint", "GET /api/scan/1").append("4xx", 2)),
                m.getList("endpoints", Document.class));
        assertEquals(new Document("10", 2).append("11", 1).append("12", 1), m.get("ms"), "known values still count");
        assertEquals(5, m.getInteger("page_views"));
        assertEquals(List.of(new Document("page", TrafficRollup.OTHER).append("views", 3),
                new Document("page", "/page0").append("views", 1), new Document("page", "/page1").append("views", 1)),
                m.getList("pages", Document.class));
        assertEquals(new Document("clicks", 3).append("durations", 7).append("endpoints", 8).append("ips", 19).append("pages", 3),
                m.get("overflow"), "IPs: 8 requests and 10 beacons and 1 request that found the set full");
    }

    @Test
    void concurrentRequestsAndFlushesLoseNothing() throws Exception {
        TrafficRollup rollup = new TrafficRollup(new TrafficRollup.Limits(10_000, 100, 10_000));
        int threads = 8;
        int each = 5_000;
        Queue<Document> written = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    String path = i % 10 == 0 ? "/api/v1/jobs/{id}/events" : "/api/v1/health";
                    rollup.request(T.plusMillis(i * 37L % 120_000), "p", "GET", path, 200, i % 500,
                            Integer.toHexString(thread * 1000 + i % 1000));
                    if (i % 97 == 0) { // a flush racing the requests; late requests of the first minute open it again
                        written.addAll(rollup.closed(T.plusSeconds(60)));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        written.addAll(rollup.all());
        long requests = written.stream().mapToLong(m -> m.getInteger("requests")).sum();
        long timed = written.stream().flatMap(m -> m.get("ms", Document.class).values().stream())
                .mapToLong(n -> ((Number) n).longValue()).sum();
        Set<String> ips = new HashSet<>();
        written.forEach(m -> ips.addAll(m.getList("ips", String.class)));
        assertEquals((long) threads * each, requests);
        assertEquals((long) threads * each * 9 / 10, timed, "every non-stream request timed once");
        assertEquals(threads * 1000, ips.size());
        assertTrue(written.stream().noneMatch(m -> m.containsKey("overflow")));
    }

    @Test
    void meanAndP95FromTheValueMapEqualThoseOfEveryValue() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(round < 20 ? 20 : 3000);
            double[] values = new double[n];
            SortedMap<Long, Long> map = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                double ms = Math.round((random.nextDouble() < 0.1 ? random.nextDouble() * 5000 : 3 + random.nextGaussian() * 40 + 60)
                        * 10) / 10.0;
                values[i] = ms;
                map.merge(TrafficRollup.tenths(ms), 1L, Long::sum);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {50, 95, 99, 100}) {
                double expected = sorted[Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1)];
                assertEquals(expected, AnalyticsService.percentile(map, n, p), "p" + p + " of " + n + " values");
            }
        }
        assertNull(AnalyticsService.percentile(new TreeMap<>(), 0, 95));
    }
}
