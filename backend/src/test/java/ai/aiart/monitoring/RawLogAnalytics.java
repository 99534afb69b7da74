package ai.aiart.monitoring;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;

/**
 * The oracle: the analytics as they were computed before the traffic roll-ups, from every
 * request ({@code request_log}) and page event ({@code page_events}), kept verbatim (less the
 * resource and error reads, which did not change) so tests can check that the roll-ups give the
 * same figures. It returns {@link AnalyticsService}'s own records.
 */
public class RawLogAnalytics {

    private final MongoDatabase db;
    private final Clock clock;

    public RawLogAnalytics(MongoClient mongo, String database, Clock clock) {
        this.db = mongo.getDatabase(database);
        this.clock = clock;
    }

    /** Figures for the {@code days} UTC days ending today. */
    public AnalyticsService.Report report(int days) {
        LocalDate today = LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        LocalDate first = today.minusDays(Math.max(1, days) - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        Map<String, DayBuilder> byDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            byDay.put(d.toString(), new DayBuilder());
        }
        DayBuilder all = new DayBuilder();

        for (Document r : db.getCollection("request_log").find(and(gte("at", from), lt("at", to)))
                .projection(Projections.include("at", "ip_hash", "duration_ms", "path"))) {
            DayBuilder day = byDay.get(day(r));
            String ip = r.getString("ip_hash");
            double ms = ((Number) r.get("duration_ms")).doubleValue();
            boolean stream = String.valueOf(r.getString("path")).endsWith("/events");
            for (DayBuilder b : new DayBuilder[] {day, all}) {
                b.requests++;
                b.users.add(ip);
                if (!stream) {
                    b.durations.add(ms);
                }
            }
        }
        for (Document e : db.getCollection("page_events").find(and(gte("at", from), lt("at", to)))
                .projection(Projections.include("at", "type", "ip_hash"))) {
            DayBuilder day = byDay.get(day(e));
            for (DayBuilder b : new DayBuilder[] {day, all}) {
                b.users.add(e.getString("ip_hash"));
                if ("page_view".equals(e.getString("type"))) {
                    b.pageViews++;
                }
            }
        }
        Map<String, Long> tiers = new LinkedHashMap<>();
        Map<String, Set<String>> ownersByTier = new HashMap<>();
        for (Document j : db.getCollection("jobs").find(and(gte("created_at", from), lt("created_at", to)))
                .projection(Projections.include("created_at", "status", "tier", "owner"))) {
            DayBuilder day = byDay.get(LocalDate.ofInstant(j.getDate("created_at").toInstant(), ZoneOffset.UTC).toString());
            String status = j.getString("status");
            String tier = String.valueOf(j.getString("tier"));
            day.jobs.merge(status, 1L, Long::sum);
            all.jobs.merge(status, 1L, Long::sum);
            tiers.merge(tier, 1L, Long::sum);
            ownersByTier.computeIfAbsent(tier, t -> new HashSet<>()).add(String.valueOf(j.getString("owner")));
        }
        List<AnalyticsService.Day> dayList = new ArrayList<>();
        byDay.forEach((date, b) -> dayList.add(b.build(date)));
        long anonymous = ownersByTier.getOrDefault("anonymous", Set.of()).size();
        long registered = ownersByTier.getOrDefault("registered", Set.of()).size();
        long donor = ownersByTier.getOrDefault("donor", Set.of()).size();
        long people = anonymous + registered + donor;
        AnalyticsService.Conversion conversion = new AnalyticsService.Conversion(anonymous, registered, donor,
                people == 0 ? null : round((double) (registered + donor) / people),
                people == 0 ? null : round((double) donor / people));
        AnalyticsService.Day total = all.build("all");
        long succeeded = all.jobs.getOrDefault("succeeded", 0L);
        long failed = all.jobs.getOrDefault("failed", 0L);
        return new AnalyticsService.Report(first.toString(), today.toString(), dayList, tiers, conversion,
                new AnalyticsService.Totals(all.jobs.values().stream().mapToLong(Long::longValue).sum(), succeeded, failed,
                        total.successRate(), total.meanResponseMs(), total.p95ResponseMs(), total.activeUsers(),
                        total.pageViews()));
    }

    private static String day(Document d) {
        return LocalDate.ofInstant(d.getDate("at").toInstant(), ZoneOffset.UTC).toString();
    }

    static Double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** Nearest-rank percentile of unsorted values; null when empty. */
    static Double percentile(double[] values, double p) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static final class DayBuilder {
        final Set<String> users = new HashSet<>();
        final List<Double> durations = new ArrayList<>();
        final Map<String, Long> jobs = new LinkedHashMap<>();
        long requests;
        long pageViews;

        AnalyticsService.Day build(String date) {
            double[] ms = durations.stream().mapToDouble(Double::doubleValue).toArray();
            long succeeded = jobs.getOrDefault("succeeded", 0L);
            long failed = jobs.getOrDefault("failed", 0L);
            Double success = succeeded + failed == 0 ? null : round((double) succeeded / (succeeded + failed));
            Double mean = ms.length == 0 ? null : round(Arrays.stream(ms).average().orElse(0));
            return new AnalyticsService.Day(date, users.size(), pageViews, requests, Map.copyOf(jobs), success, mean, percentile(ms, 95));
        }
    }
}
