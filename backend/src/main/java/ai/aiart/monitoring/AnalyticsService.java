package ai.aiart.monitoring;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * The operator's figures (docs/OPERATIONS.md), computed from the traffic roll-ups ({@link TrafficRollup}:
 * one document per instance and minute), jobs, donations (a count) and resource snapshots for a range of whole UTC
 * days ({@link #report}) or of the last hours, hour by hour ({@link #hourly}). Each collection is
 * read once for the range, with only the fields needed. What is held in memory is bounded by what
 * the figures need, not by the number of requests: per bucket the distinct hashed IPs and a
 * response-time → count map (at 0.1 ms), merged minute by minute.
 */
@ApplicationScoped
public class AnalyticsService {

    private final MongoDatabase db;
    private final Clock clock;

    public AnalyticsService(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock) {
        this.db = mongo.getDatabase(database);
        this.clock = clock;
    }

    /**
     * One bucket's figures: a UTC day ({@code date} 2026-11-26) or, hourly, a UTC hour ({@code date}
     * its start, 2026-11-26T14:00:00Z).
     */
    public record Day(String date, int activeUsers, long pageViews, long requests, Map<String, Long> jobs,
            Double successRate, Double meanResponseMs, Double p95ResponseMs) {
    }

    /**
     * Everything the dashboard shows for the range. By day: {@code from}/{@code to} are the first and
     * last UTC day and {@code days} holds one bucket per day. Hourly: {@code from}/{@code to} are the
     * range's start and end instants, {@code days} is empty and {@code hours} holds one bucket per
     * UTC hour (left out of the day report's JSON).
     */
    public record Report(String from, String to, List<Day> days, @JsonInclude(JsonInclude.Include.NON_NULL) List<Day> hours,
            Map<String, Long> tiers, Conversion conversion, Totals totals,
            @JsonInclude(JsonInclude.Include.NON_NULL) Funnel funnel, @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

        /** A report by day, without the funnel and usage patterns. */
        public Report(String from, String to, List<Day> days, Map<String, Long> tiers, Conversion conversion, Totals totals) {
            this(from, to, days, null, tiers, conversion, totals, null, null);
        }

        /** The same report without the funnel and usage patterns (what figures computed from raw logs can be compared with). */
        public Report withoutUsage() {
            return new Report(from, to, days, hours, tiers, conversion, totals, null, null);
        }
    }

    /**
     * The period's funnel (docs/OPERATIONS.md, "The funnel"), each step with the share of the step
     * before (null when that step is 0): {@code visitors}, distinct hashed addresses that sent a page
     * view; {@code creators}, distinct identities (account or anonymous visitor) that created something;
     * {@code registered}, those creators who were signed in when they created; {@code donors}, the
     * donations received in the period.
     */
    public record Funnel(long visitors, long creators, Double creatorsShare, long registered, Double registeredShare,
            long donors, Double donorsShare) {
    }

    /**
     * Usage patterns of the period. {@code hoursOfDay}: 24 buckets by UTC hour of the day (the
     * dashboard labels them in the viewer's zone); {@code creations}: by tier, then by kind;
     * {@code kinds}: by kind; {@code refusals}: refused requests by reason, most first, each with its
     * endpoints; {@code repeatVisitors}: active addresses seen on more than one UTC day of the period,
     * out of {@code activeUsers}.
     */
    public record Usage(List<HourOfDay> hoursOfDay, Map<String, Map<String, Long>> creations, Map<String, Long> kinds,
            List<RefusalCount> refusals, int repeatVisitors, int activeUsers, Double repeatShare) {
    }

    /** One UTC hour of the day over the period: its requests, page views, creations and distinct addresses. */
    public record HourOfDay(int hour, long requests, long pageViews, long creations, int activeUsers) {
    }

    /** Refused requests of one reason ({@code rate_limited}, {@code shared_limit}, {@code blocked}, {@code resource_limit}, …). */
    public record RefusalCount(String reason, long count, Map<String, Long> endpoints) {
    }

    /** Distinct identities seen per tier in the range, and the share that signed in or donated. */
    public record Conversion(long anonymous, long registered, long donor, Double signedInRate, Double donorRate) {
    }

    public record Totals(long jobs, long succeeded, long failed, Double successRate, Double meanResponseMs,
            Double p95ResponseMs, int activeUsers, long pageViews) {
    }

    /** Figures for the {@code days} UTC days ending today. */
    public Report report(int days) {
        LocalDate today = LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        LocalDate first = today.minusDays(Math.max(1, days) - 1L);
        List<String> keys = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            keys.add(d.toString());
        }
        Built b = build(first.atStartOfDay(ZoneOffset.UTC).toInstant(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                keys, at -> LocalDate.ofInstant(at, ZoneOffset.UTC).toString());
        return new Report(first.toString(), today.toString(), b.buckets(), null, b.tiers(), b.conversion(), b.totals(),
                b.funnel(), b.usage());
    }

    /**
     * Figures for the last {@code hours} UTC hours, the current one included, one bucket per hour.
     * Buckets are UTC hours, whatever the operator's time zone: the minute documents could be cut at
     * any zone's hour, but UTC hours keep the answer the same for everyone, and a browser in a zone
     * with a half-hour offset labels each bucket by its own clock time of the bucket's start
     * (14:30 in India for 09:00 UTC) — docs/OPERATIONS.md.
     */
    public Report hourly(int hours) {
        Instant current = Instant.now(clock).truncatedTo(ChronoUnit.HOURS);
        Instant from = current.minus(Math.max(1, hours) - 1L, ChronoUnit.HOURS);
        Instant to = current.plus(1, ChronoUnit.HOURS);
        List<String> keys = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
            keys.add(h.toString());
        }
        Built b = build(from, to, keys, at -> at.truncatedTo(ChronoUnit.HOURS).toString());
        return new Report(from.toString(), to.toString(), List.of(), b.buckets(), b.tiers(), b.conversion(), b.totals(),
                b.funnel(), b.usage());
    }

    /** What {@link #build} computed: the buckets in order and the range's figures. */
    private record Built(List<Day> buckets, Map<String, Long> tiers, Conversion conversion, Totals totals, Funnel funnel,
            Usage usage) {
    }

    /**
     * The figures of [from, to), bucket by bucket: {@code keyOf} names the bucket of an instant
     * ({@code keys}, in order, are all of them). Minutes never straddle a bucket (days and hours are
     * whole minutes).
     */
    private Built build(Instant from, Instant to, List<String> keys, Function<Instant, String> keyOf) {
        Map<String, DayBuilder> byBucket = new LinkedHashMap<>();
        for (String key : keys) {
            byBucket.put(key, new DayBuilder());
        }
        DayBuilder all = new DayBuilder();

        // usage patterns: by UTC hour of the day, the days each address was seen on, refusals by reason
        List<DayBuilder> hoursOfDay = new ArrayList<>();
        long[] creationsByHour = new long[24];
        for (int h = 0; h < 24; h++) {
            hoursOfDay.add(new DayBuilder());
        }
        Set<String> viewers = new HashSet<>();
        Map<String, Long> firstDayOf = new HashMap<>();
        Set<String> repeat = new HashSet<>();
        Map<String, Map<String, Long>> refusals = new HashMap<>();

        // one document per instance and minute (TrafficRollup)
        for (Document m : db.getCollection(TrafficRollup.COLLECTION).find(and(gte("at", from), lt("at", to)))
                .projection(Projections.include("at", "requests", "ms", "ips", "page_views", "viewers", "refusals"))) {
            Instant at = m.getDate("at").toInstant();
            DayBuilder bucket = byBucket.get(keyOf.apply(at));
            long requests = count(m, "requests");
            long pageViews = count(m, "page_views");
            Document ms = m.get("ms", Document.class);
            List<String> ips = m.getList("ips", String.class, List.of());
            DayBuilder hourOfDay = hoursOfDay.get(at.atZone(ZoneOffset.UTC).getHour());
            hourOfDay.requests += requests;
            hourOfDay.pageViews += pageViews;
            hourOfDay.users.addAll(ips);
            long day = Math.floorDiv(at.getEpochSecond(), 86_400L);
            for (String ip : ips) {
                Long first = firstDayOf.putIfAbsent(ip, day);
                if (first != null && first != day) {
                    repeat.add(ip);
                }
            }
            for (Object i : m.getList("viewers", Object.class, List.of())) {
                int index = ((Number) i).intValue();
                if (index >= 0 && index < ips.size()) {
                    viewers.add(ips.get(index));
                }
            }
            for (Document r : m.getList("refusals", Document.class, List.of())) {
                refusals.computeIfAbsent(r.getString("reason"), k -> new HashMap<>())
                        .merge(r.getString("endpoint"), count(r, "count"), Long::sum);
            }
            for (DayBuilder b : new DayBuilder[] {bucket, all}) {
                b.requests += requests;
                b.pageViews += pageViews;
                b.users.addAll(ips);
                if (ms != null) {
                    ms.forEach((tenths, n) -> b.durations.merge(Long.parseLong(tenths), ((Number) n).longValue(), Long::sum));
                }
            }
        }
        Map<String, Long> tiers = new LinkedHashMap<>();
        Map<String, Set<String>> ownersByTier = new HashMap<>();
        Map<String, Map<String, Long>> creations = new TreeMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        // the range's jobs, read once (one cursor, not a read per visitor or per day)
        for (Document j : db.getCollection("jobs").find(and(gte("created_at", from), lt("created_at", to)))
                .projection(Projections.include("created_at", "status", "tier", "owner", "kind"))) {
            Instant created = j.getDate("created_at").toInstant();
            DayBuilder bucket = byBucket.get(keyOf.apply(created));
            String status = j.getString("status");
            String tier = String.valueOf(j.getString("tier"));
            String kind = String.valueOf(j.getString("kind"));
            bucket.jobs.merge(status, 1L, Long::sum);
            all.jobs.merge(status, 1L, Long::sum);
            tiers.merge(tier, 1L, Long::sum);
            creations.computeIfAbsent(tier, t -> new TreeMap<>()).merge(kind, 1L, Long::sum);
            kinds.merge(kind, 1L, Long::sum);
            creationsByHour[created.atZone(ZoneOffset.UTC).getHour()]++;
            ownersByTier.computeIfAbsent(tier, t -> new HashSet<>()).add(String.valueOf(j.getString("owner")));
        }
        List<Day> buckets = new ArrayList<>();
        byBucket.forEach((key, b) -> buckets.add(b.build(key)));
        long anonymous = ownersByTier.getOrDefault("anonymous", Set.of()).size();
        long registered = ownersByTier.getOrDefault("registered", Set.of()).size();
        long donor = ownersByTier.getOrDefault("donor", Set.of()).size();
        long people = anonymous + registered + donor;
        Conversion conversion = new Conversion(anonymous, registered, donor,
                people == 0 ? null : round((double) (registered + donor) / people),
                people == 0 ? null : round((double) donor / people));
        Day total = all.build("all");
        long succeeded = succeeded(all.jobs);
        long failed = all.jobs.getOrDefault("failed", 0L);
        Set<String> creators = new HashSet<>();
        Set<String> signedIn = new HashSet<>();
        ownersByTier.forEach((tier, owners) -> {
            creators.addAll(owners);
            if (!"anonymous".equals(tier)) {
                signedIn.addAll(owners);
            }
        });
        // donations are few: one count command for the range
        long donations = db.getCollection("donations").countDocuments(and(gte("received_at", from), lt("received_at", to)));
        Funnel funnel = new Funnel(viewers.size(), creators.size(), share(creators.size(), viewers.size()),
                signedIn.size(), share(signedIn.size(), creators.size()), donations, share(donations, signedIn.size()));

        List<HourOfDay> byHour = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            DayBuilder b = hoursOfDay.get(h);
            byHour.add(new HourOfDay(h, b.requests, b.pageViews, creationsByHour[h], b.users.size()));
        }
        List<RefusalCount> refused = new ArrayList<>();
        refusals.forEach((reason, endpoints) -> refused.add(new RefusalCount(reason,
                endpoints.values().stream().mapToLong(Long::longValue).sum(), new TreeMap<>(endpoints))));
        refused.sort(java.util.Comparator.comparingLong(RefusalCount::count).reversed().thenComparing(RefusalCount::reason));
        Usage usage = new Usage(byHour, creations, kinds, refused, repeat.size(), firstDayOf.size(),
                share(repeat.size(), firstDayOf.size()));
        return new Built(buckets, tiers, conversion,
                new Totals(all.jobs.values().stream().mapToLong(Long::longValue).sum(), succeeded, failed,
                        total.successRate(), total.meanResponseMs(), total.p95ResponseMs(), total.activeUsers(),
                        total.pageViews()), funnel, usage);
    }

    /** {@code part / whole}, or null when the whole is 0 (nothing to take a share of). */
    private static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    /** The resource history of the last {@code hours} hours, downsampled by the store ({@link ResourceHistory}). */
    public ResourceHistory.History resourceHistory(int hours) {
        return ResourceHistory.read(db.getCollection(ResourceHistory.COLLECTION), Instant.now(clock), hours);
    }

    /** The most recent errors, newest first. */
    public List<Document> recentErrors(int limit) {
        return db.getCollection("errors").find().sort(Sorts.descending("at")).limit(limit)
                .projection(Projections.exclude("_id")).into(new ArrayList<>());
    }

    /** Jobs that succeeded, those whose result was later removed to make room ({@code expired}) too. */
    static long succeeded(Map<String, Long> byStatus) {
        return byStatus.getOrDefault("succeeded", 0L) + byStatus.getOrDefault("expired", 0L);
    }

    static Double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static long count(Document d, String field) {
        Object n = d.get(field);
        return n == null ? 0 : ((Number) n).longValue();
    }

    /**
     * Nearest-rank percentile of values given as value → count, ascending (in tenths of a ms);
     * null when empty. The same rank as sorting every value: {@code ceil(p/100 × n)}.
     */
    static Double percentile(SortedMap<Long, Long> tenthsToCount, long n, double p) {
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (Map.Entry<Long, Long> e : tenthsToCount.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey() / 10.0;
            }
        }
        return tenthsToCount.lastKey() / 10.0;
    }

    private static final class DayBuilder {
        final Set<String> users = new HashSet<>();
        /** Response times of non-stream requests: tenths of a millisecond → how many. */
        final SortedMap<Long, Long> durations = new TreeMap<>();
        final Map<String, Long> jobs = new LinkedHashMap<>();
        long requests;
        long pageViews;

        Day build(String date) {
            long n = 0;
            long sumTenths = 0;
            for (Map.Entry<Long, Long> e : durations.entrySet()) {
                n += e.getValue();
                sumTenths += e.getKey() * e.getValue();
            }
            long succeeded = succeeded(jobs);
            long failed = jobs.getOrDefault("failed", 0L);
            Double success = succeeded + failed == 0 ? null : round((double) succeeded / (succeeded + failed));
            Double mean = n == 0 ? null : round(sumTenths / 10.0 / n);
            return new Day(date, users.size(), pageViews, requests, Map.copyOf(jobs), success, mean, percentile(durations, n, 95));
        }
    }
}
