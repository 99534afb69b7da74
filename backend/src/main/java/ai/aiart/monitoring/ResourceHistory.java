package ai.aiart.monitoring;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

/**
 * The dashboard's resource history ({@code GET /api/v1/admin/metrics/history?hours=N}): the
 * minute snapshots of {@code resource_metrics} ({@link ResourceMetrics}) over the whole period,
 * downsampled by the store into buckets of {@link #resolutionSeconds} so that a month answers as
 * few points as a day (docs/OPERATIONS.md, "Resource history").
 *
 * <p>Decision: one aggregation pipeline ({@code $match} on {@code at}, {@code $group} by instance
 * and bucket, {@code $sort}, {@code $project}) rather than roll-up documents written beside the
 * snapshots. A request costs one {@code aggregate} command (its points fit the first batch) and
 * no write is added per minute, nor a byte stored per day; roll-ups would have cost an upsert per
 * instance and minute (about 2,900 more writes a day for two backends) to save the store a scan of at
 * most a month of snapshots ({@code at}-indexed on MongoDB), which it does only when an admin
 * opens or refreshes a 7- or 30-day view. Only operators the embedded store (mongo-java-server)
 * runs are used: {@code $toLong}, {@code $mod}, {@code $subtract}, {@code $toDate}, and the
 * {@code $avg}, {@code $max} and {@code $sum} accumulators.
 */
public final class ResourceHistory {

    static final String COLLECTION = "resource_metrics";

    /** At most this many buckets per instance: a day of minutes, so 24 hours keep minute resolution. */
    static final int MAX_POINTS = 1440;

    /** Bucket widths in minutes, finest first: a period gets the finest that keeps {@link #MAX_POINTS}. */
    private static final int[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440};

    /**
     * Gauges, each averaged over its bucket (the chart's line), with the decimals it is answered
     * with: a mean of 30 CPU readings carries no meaning in its 15th digit, only bytes.
     */
    private static final Map<String, Integer> MEANS = orderedMap(
            "cpu", 4, "memory", 4, "load", 2, "rss_bytes", 0, "active_requests", 2, "queue_length", 2,
            "running_jobs", 2, "mean_response_ms", 1, "store_ops_per_second", 2);

    /**
     * Gauges whose peak in a bucket is answered too, as {@code <name>_max}, because a mean hides what
     * matters about them: a CPU or memory spike near the limit (what the alerts and a container's
     * memory limit react to), the longest queue and the most running jobs (what visitors waited
     * behind), the slowest minute's mean response, and a burst of store commands against the free
     * cluster's budget. Left out at minute resolution, where a bucket is one snapshot and its peak
     * is its mean.
     */
    private static final List<String> PEAKS = List.of("cpu", "memory", "queue_length", "running_jobs", "mean_response_ms",
            "store_ops_per_second");

    /** Counters: summed over the bucket (store commands sent since the instance's previous snapshot). */
    private static final List<String> SUMS = List.of("store_commands");

    private ResourceHistory() {
    }

    /**
     * The answer. {@code from}/{@code to}: the period asked for. {@code resolutionSeconds}: the
     * buckets' width. {@code points}: one per instance and bucket with at least one snapshot,
     * oldest bucket first (instances by name within one), each with {@code instance}, {@code at}
     * (the bucket's start, a multiple of the width since the epoch, so the first may start before
     * {@code from}), {@code samples} (snapshots in it), the {@link #MEANS} under the snapshot's own
     * names, the {@link #PEAKS} as {@code <name>_max} (buckets over a minute), the {@link #SUMS},
     * and {@code hibernating}, true if any of its snapshots was taken while hibernating. A field no
     * snapshot of the bucket had (snapshots from before it was recorded) is left out.
     */
    public record History(int hours, String from, String to, int resolutionSeconds, List<Document> points) {
    }

    /** The bucket width for a period of {@code hours}: the finest of {@link #STEPS} giving at most {@link #MAX_POINTS}. */
    static int resolutionSeconds(int hours) {
        long minutes = Math.max(1, hours) * 60L;
        for (int step : STEPS) {
            if (minutes / step <= MAX_POINTS) {
                return step * 60;
            }
        }
        return STEPS[STEPS.length - 1] * 60;
    }

    /** Reads the last {@code hours} hours before {@code now} (one aggregate command). */
    static History read(MongoCollection<Document> snapshots, Instant now, int hours) {
        int step = resolutionSeconds(hours);
        Instant from = now.minus(Math.max(1, hours), ChronoUnit.HOURS);
        List<Document> points = new ArrayList<>();
        // two backends' points in the first batch, so one command answers (more instances: a getMore); the
        // embedded store warns that it ignores the batch size, and answers everything in the first batch anyway
        for (Document bucket : snapshots.aggregate(pipeline(from, step)).batchSize(2 * (MAX_POINTS + 1))) {
            points.add(point(bucket));
        }
        return new History(hours, from.toString(), now.toString(), step, points);
    }

    /** The aggregation: snapshots since {@code from}, grouped by instance and bucket of {@code stepSeconds}. */
    static List<Document> pipeline(Instant from, int stepSeconds) {
        long stepMillis = stepSeconds * 1000L;
        Document millis = new Document("$toLong", "$at");
        Document bucketStart = new Document("$subtract", List.of(millis, new Document("$mod", List.of(millis, stepMillis))));
        Document group = new Document("_id", new Document("instance", "$instance").append("at", bucketStart))
                .append("samples", new Document("$sum", 1));
        Document project = new Document("_id", 0).append("instance", "$_id.instance")
                .append("at", new Document("$toDate", "$_id.at")).append("samples", 1);
        MEANS.keySet().forEach(field -> {
            group.append(field, new Document("$avg", "$" + field));
            project.append(field, 1);
        });
        if (stepSeconds > 60) {
            PEAKS.forEach(field -> {
                group.append(field + "_max", new Document("$max", "$" + field));
                project.append(field + "_max", 1);
            });
        }
        SUMS.forEach(field -> {
            group.append(field, new Document("$sum", "$" + field));
            project.append(field, 1);
        });
        group.append("hibernating", new Document("$max", "$hibernating"));
        project.append("hibernating", 1);
        return List.of(
                new Document("$match", new Document("at", new Document("$gte", Date.from(from)))),
                new Document("$group", group),
                new Document("$sort", new Document("_id.at", 1).append("_id.instance", 1)),
                new Document("$project", project));
    }

    /** A bucket as answered: figures rounded to what they mean, fields without a figure left out. */
    private static Document point(Document bucket) {
        Document point = new Document();
        bucket.forEach((field, value) -> {
            if (value == null) {
                return;
            }
            String gauge = field.endsWith("_max") ? field.substring(0, field.length() - 4) : field;
            Integer decimals = MEANS.get(gauge);
            // whole numbers (a peak queue, a count) stay whole
            if (decimals != null && (value instanceof Double || value instanceof Float)) {
                Number n = (Number) value;
                double scale = Math.pow(10, decimals);
                double rounded = Math.round(n.doubleValue() * scale) / scale;
                point.put(field, decimals == 0 ? (Object) Math.round(rounded) : (Object) rounded);
            } else {
                point.put(field, value);
            }
        });
        return point;
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
