package ai.aiart.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * API requests and page beacons rolled up per instance and UTC minute, in memory, and handed out
 * as one {@code traffic_minutes} document per minute once it has closed. A busy minute then costs
 * one insert instead of one per beacon and one per thousand requests, and stores a few kilobytes
 * instead of ~200 bytes per request; analytics read a day as 1,440 small documents per instance.
 *
 * <p>What a minute keeps is exactly what the figures need, so they come out the same as from every
 * request: the request count, counts by endpoint template and status class, the response times of
 * non-stream requests as a value → count map, the distinct hashed IPs (requests and beacons
 * together: active users are the distinct IPs of both), which of those IPs sent a page view (the
 * funnel's visitors, as positions in the IP list), page views by page, clicks by page and target,
 * and refused requests by endpoint and reason. Response times are kept in tenths of a
 * millisecond: durations are rounded to 0.1 ms when measured, so the map holds every value exactly
 * and the mean and the nearest-rank p95 over a day equal those over the raw values. A map keyed by tenths stays small (3 to 300 ms spans 3,000 keys
 * at most) however many requests a minute has.
 *
 * <p>Bounded: a minute keeps at most {@link Limits#ips()} distinct IPs, {@link Limits#keys()}
 * distinct endpoints, pages, click targets and refused endpoint/reason pairs (the rest are counted
 * under {@value #OTHER}) and {@link Limits#durations()} distinct response times (the rest are left
 * out of the distribution).
 * What did not fit is counted in the document's {@code overflow} field.
 *
 * <p>The backend feeds it from its request hook and beacon endpoint; {@code make demo-day} feeds
 * it generated traffic, so the demo's documents are the ones the backend would write. Thread-safe.
 */
public final class TrafficRollup {

    public static final String COLLECTION = "traffic_minutes";
    /** The key that endpoints, pages and click targets beyond {@link Limits#keys()} are counted under. */
    public static final String OTHER = "(other)";

    private static final long MINUTE_MS = 60_000;

    /** How much one minute may hold. */
    public record Limits(int ips, int keys, int durations) {

        public Limits {
            if (ips < 1 || keys < 1 || durations < 1) {
                throw new IllegalArgumentException("Roll-up limits must be at least 1");
            }
        }
    }

    /** A duration in milliseconds at the precision the roll-up keeps: tenths of a millisecond. */
    public static long tenths(double millis) {
        return Math.round(millis * 10);
    }

    /** Whether a request path is a live-status event stream, whose duration is how long it stayed open. */
    public static boolean isStream(String path) {
        return path != null && path.endsWith("/events");
    }

    private final Limits limits;
    private final Map<MinuteKey, Minute> open = new HashMap<>();

    public TrafficRollup(Limits limits) {
        this.limits = limits;
    }

    /** One answered API request; {@code path} with ids already folded, {@code tenthsOfMs} from {@link #tenths}. */
    public void request(Instant at, String instance, String method, String path, int status, long tenthsOfMs,
            String ipHash) {
        request(at, instance, method, path, status, tenthsOfMs, ipHash, null);
    }

    /**
     * One answered API request that may be a refusal: {@code refusal} is its reason ({@code rate_limited},
     * {@code shared_limit}, {@code blocked}, {@code resource_limit}, …, see {@link #refusalOf}) or null.
     */
    public synchronized void request(Instant at, String instance, String method, String path, int status, long tenthsOfMs,
            String ipHash, String refusal) {
        Minute m = minute(at, instance);
        m.requests++;
        String statusClass = (status / 100) + "xx";
        String endpoint = method + " " + path;
        if (!m.endpoints.containsKey(endpoint) && m.endpoints.size() >= limits.keys()) {
            m.overflow.merge("endpoints", 1L, Long::sum);
            endpoint = OTHER;
        }
        m.endpoints.computeIfAbsent(endpoint, e -> new TreeMap<>()).merge(statusClass, 1L, Long::sum);
        if (refusal != null) {
            m.refusals.merge(m.fit(m.refusals, new Refusal(endpoint, refusal), new Refusal(OTHER, refusal), "refusals"), 1L, Long::sum);
        }
        if (!isStream(path)) {
            if (m.durations.containsKey(tenthsOfMs) || m.durations.size() < limits.durations()) {
                m.durations.merge(tenthsOfMs, 1L, Long::sum);
            } else {
                m.overflow.merge("durations", 1L, Long::sum);
            }
        }
        m.ip(ipHash);
    }

    /** One page beacon: {@code type} is page_view or click. */
    public synchronized void pageEvent(Instant at, String instance, String type, String page, String target, String ipHash) {
        Minute m = minute(at, instance);
        page = page == null ? "" : page;
        if ("page_view".equals(type)) {
            m.pageViews++;
            m.pages.merge(m.fit(m.pages, page, OTHER, "pages"), 1L, Long::sum);
            if (m.ip(ipHash)) {
                m.viewers.add(ipHash);
            }
        } else {
            m.clickTargets.merge(m.fit(m.clickTargets, new Click(page, target), new Click(OTHER, null), "clicks"), 1L, Long::sum);
            m.ip(ipHash);
        }
    }

    /**
     * The refusal reason of an answer, or null when it is no refusal: a 429 or 503 by its problem's
     * {@code error_type}; a 429 whose {@code RateLimit-Policy} is a shared allowance ("address",
     * "network": everyone behind one address or IPv6 network) is {@code shared_limit}; a 429 or 503
     * without a problem type (answered outside the REST layer) by its status.
     */
    public static String refusalOf(int status, String errorType, String rateLimitPolicy) {
        if (status != 429 && status != 503) {
            return null;
        }
        if (status == 429 && rateLimitPolicy != null
                && (rateLimitPolicy.startsWith("\"address\"") || rateLimitPolicy.startsWith("\"network\""))) {
            return "shared_limit";
        }
        return errorType != null ? errorType : Integer.toString(status);
    }

    /** Takes out the minutes that ended at or before {@code now}, oldest first, as documents to insert. */
    public synchronized List<Document> closed(Instant now) {
        long current = now.toEpochMilli() / MINUTE_MS;
        return take(k -> k.minute < current);
    }

    /** Takes out every minute, the open one too (on shutdown, or to write a generated period). */
    public synchronized List<Document> all() {
        return take(k -> true);
    }

    /** Minutes held in memory now. */
    public synchronized int held() {
        return open.size();
    }

    private List<Document> take(java.util.function.Predicate<MinuteKey> which) {
        List<MinuteKey> keys = new ArrayList<>();
        for (MinuteKey k : open.keySet()) {
            if (which.test(k)) {
                keys.add(k);
            }
        }
        keys.sort(Comparator.comparingLong(MinuteKey::minute).thenComparing(MinuteKey::instance));
        List<Document> out = new ArrayList<>(keys.size());
        for (MinuteKey k : keys) {
            out.add(open.remove(k).toDocument(k));
        }
        return out;
    }

    private Minute minute(Instant at, String instance) {
        return open.computeIfAbsent(new MinuteKey(instance, Math.floorDiv(at.toEpochMilli(), MINUTE_MS)), k -> new Minute());
    }

    private record MinuteKey(String instance, long minute) {
    }

    private record Click(String page, String target) {
    }

    private record Refusal(String endpoint, String reason) {
    }

    /** Counts as int32 when they fit (nearly always): 4 bytes less per stored number. */
    private static Number count(long n) {
        return n <= Integer.MAX_VALUE ? (Number) (int) n : (Number) n;
    }

    private final class Minute {
        long requests;
        long pageViews;
        final Map<String, Map<String, Long>> endpoints = new TreeMap<>();
        final Map<Long, Long> durations = new TreeMap<>();
        final Set<String> ips = new HashSet<>();
        final Map<String, Long> pages = new TreeMap<>();
        final Map<Click, Long> clickTargets = new HashMap<>();
        /** The IPs (among {@link #ips}) that sent a page view: the funnel's visitors. */
        final Set<String> viewers = new HashSet<>();
        final Map<Refusal, Long> refusals = new HashMap<>();
        final Map<String, Long> overflow = new TreeMap<>();

        /** Adds an IP; whether it is among the minute's IPs (false when null or beyond the bound). */
        boolean ip(String hash) {
            if (hash == null) {
                return false;
            }
            if (ips.contains(hash)) {
                return true;
            }
            if (ips.size() < limits.ips()) {
                ips.add(hash);
                return true;
            }
            overflow.merge("ips", 1L, Long::sum);
            return false;
        }

        <K> K fit(Map<K, Long> map, K key, K other, String what) {
            if (map.containsKey(key) || map.size() < limits.keys()) {
                return key;
            }
            overflow.merge(what, 1L, Long::sum);
            return other;
        }

        /**
         * The stored shape. Keys that come from visitors (paths, pages, targets) are values in
         * arrays, never field names, so any text is safe; the duration map's keys are digits.
         * Empty parts are left out.
         */
        Document toDocument(MinuteKey k) {
            Document d = new Document("_id", new ObjectId())
                    .append("instance", k.instance())
                    .append("at", new Date(k.minute() * MINUTE_MS));
            if (requests > 0) {
                d.append("requests", count(requests));
                List<Document> byEndpoint = new ArrayList<>();
                endpoints.forEach((endpoint, byClass) -> {
                    Document e = new Document("endpoint", endpoint);
                    byClass.forEach((statusClass, n) -> e.append(statusClass, count(n)));
                    byEndpoint.add(e);
                });
                d.append("endpoints", byEndpoint);
                Document ms = new Document();
                durations.forEach((tenths, n) -> ms.append(Long.toString(tenths), count(n)));
                d.append("ms", ms);
                if (!refusals.isEmpty()) {
                    List<Document> refused = new ArrayList<>();
                    refusals.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey(Comparator.comparing(Refusal::endpoint).thenComparing(Refusal::reason)))
                            .forEach(e -> refused.add(new Document("endpoint", e.getKey().endpoint())
                                    .append("reason", e.getKey().reason()).append("count", count(e.getValue()))));
                    d.append("refusals", refused);
                }
            }
            List<String> sortedIps = new ArrayList<>(ips);
            sortedIps.sort(null);
            d.append("ips", sortedIps);
            if (pageViews > 0) {
                List<Document> views = new ArrayList<>();
                pages.forEach((page, n) -> views.add(new Document("page", page).append("views", count(n))));
                d.append("page_views", count(pageViews)).append("pages", views);
                // positions in "ips" rather than the hashes again: ~8 bytes an entry instead of ~40
                List<Integer> viewerAt = new ArrayList<>();
                for (int i = 0; i < sortedIps.size(); i++) {
                    if (viewers.contains(sortedIps.get(i))) {
                        viewerAt.add(i);
                    }
                }
                if (!viewerAt.isEmpty()) {
                    d.append("viewers", viewerAt);
                }
            }
            if (!clickTargets.isEmpty()) {
                List<Document> targets = new ArrayList<>();
                clickTargets.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Click::page)
                                .thenComparing(Click::target, Comparator.nullsFirst(Comparator.naturalOrder()))))
                        .forEach(e -> {
                            Document t = new Document("page", e.getKey().page());
                            if (e.getKey().target() != null) {
                                t.append("target", e.getKey().target());
                            }
                            targets.add(t.append("count", count(e.getValue())));
                        });
                d.append("clicks", targets);
            }
            if (!overflow.isEmpty()) {
                Document over = new Document();
                overflow.forEach((what, n) -> over.append(what, count(n)));
                d.append("overflow", over);
            }
            return d;
        }
    }
}
