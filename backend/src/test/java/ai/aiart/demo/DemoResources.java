package ai.aiart.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.aiart.generation.Job;
import ai.aiart.monitoring.Alert;
import ai.aiart.monitoring.ResourceMetrics;

/**
 * What the instances of a generated period recorded about themselves: a {@link ResourceMetrics}
 * snapshot per awake instance per minute (CPU from requests, jobs painted and the event streams
 * of waiting jobs; memory with a garbage-collection sawtooth; none while an instance hibernates —
 * 15 minutes without requests and nothing queued or running — or restarts), and the alerts
 * AlertManager's rule would have raised from them with its default thresholds and cooldown.
 */
final class DemoResources {

    private static final String PRIMARY = DemoDay.INSTANCES[0];
    private static final long MIN = 60_000;

    private final long start;
    private final int minutes;
    private final long restartFrom;
    private final long restartTo;
    /** The burst's peak, epoch ms: the primary's CPU is above the alert threshold throughout. */
    private final long peakFrom;
    private final long peakTo;
    private final Random random;

    DemoResources(long start, int minutes, long restartFrom, long restartTo, long peakFrom, long peakTo, Random random) {
        this.peakFrom = peakFrom;
        this.peakTo = peakTo;
        this.start = start;
        this.minutes = minutes;
        this.restartFrom = restartFrom;
        this.restartTo = restartTo;
        this.random = random;
    }

    /** One snapshot per awake instance per minute, from the requests and jobs of the period. */
    List<ResourceMetrics> snapshots(List<DemoTraffic.Request> requests, List<Job> jobs) {
        int[][] perMinute = new int[2][minutes];
        double[][] msSum = new double[2][minutes];
        int[][] msCount = new int[2][minutes];
        int[][] errorsPerMinute = new int[2][minutes];
        for (DemoTraffic.Request r : requests) {
            int i = r.instance().equals(PRIMARY) ? 0 : 1;
            int m = (int) ((r.at().toEpochMilli() - start) / MIN);
            if (m < 0 || m >= minutes) {
                continue;
            }
            perMinute[i][m]++;
            errorsPerMinute[i][m] += r.status() >= 500 ? 1 : 0;
            if (!r.path().endsWith("/events")) {
                msSum[i][m] += r.durationMs();
                msCount[i][m]++;
            }
        }
        int[] queued = new int[minutes];
        int[][] running = new int[2][minutes];
        for (Job j : jobs) {
            long created = j.createdAt.toEpochMilli();
            long started = j.startedAt == null ? j.completedAt.toEpochMilli() : j.startedAt.toEpochMilli();
            long done = j.completedAt.toEpochMilli();
            for (int m = 0; m < minutes; m++) {
                long t = start + m * MIN;
                if (created <= t && t < started) {
                    queued[m]++;
                }
                if (j.startedAt != null && started <= t && t < done) {
                    running[PRIMARY.equals(j.leaseOwner) || j.leaseOwner == null ? 0 : 1][m]++;
                }
            }
        }
        this.errorsPerMinute = errorsPerMinute;
        this.requestsPerMinute = perMinute;
        List<ResourceMetrics> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int lastRequest = -1000;
            double heap = 0.30;
            double mean = 40;
            for (int m = 0; m < minutes; m++) {
                long t = start + m * MIN;
                if (perMinute[i][m] > 0) {
                    lastRequest = m;
                }
                boolean down = i == 0 && t >= restartFrom && t < restartTo;
                boolean busy = queued[m] > 0 || running[0][m] + running[1][m] > 0;
                if (down || (m - lastRequest >= 15 && !busy)) {
                    continue; // restarting, or hibernating: no snapshot (the backend skips them too)
                }
                if (i == 0 && t == restartTo) {
                    heap = 0.22; // a fresh JVM
                }
                int runs = running[i][m];
                // requests, jobs painted here, and the event streams of waiting jobs (position updates) on the serving instance
                double streams = Math.min(0.35, queued[m] * (i == 0 ? 0.008 : 0.0005));
                double cpu = 0.015 + Math.min(0.45, perMinute[i][m] * 0.0045) + runs * 0.21 + streams
                        + Math.abs(random.nextGaussian()) * 0.02;
                if (i == 0 && t >= peakFrom && t < peakTo) {
                    // the burst's peak (when it overloads the store) holds the primary past the CPU alert's 85 % every
                    // time, not only when the random split of jobs leaves it enough of them (one end minute in a hundred did not)
                    cpu = Math.max(cpu, 0.9 + Math.abs(random.nextGaussian()) * 0.03);
                }
                heap += 0.004 + perMinute[i][m] * 0.0004 + runs * 0.01;
                if (heap > 0.62 + random.nextDouble() * 0.1) {
                    heap = 0.30 + random.nextDouble() * 0.05; // a full collection
                }
                if (msCount[i][m] > 0) {
                    mean = 0.7 * mean + 0.3 * (msSum[i][m] / msCount[i][m]);
                }
                ResourceMetrics s = new ResourceMetrics();
                s.instance = DemoDay.INSTANCES[i];
                s.at = Instant.ofEpochMilli(t + 500 + random.nextInt(900));
                s.cpu = round(Math.min(0.99, cpu));
                s.memory = round(Math.min(0.97, heap + runs * 0.06));
                s.rssBytes = (long) ((170 + s.memory * 260) * 1024 * 1024);
                s.activeRequests = (int) Math.round(perMinute[i][m] * mean / MIN) + runs;
                s.queueLength = queued[m];
                s.runningJobs = running[0][m] + running[1][m];
                s.meanResponseMs = Math.round(mean * 10) / 10.0;
                s.load = round(Math.max(Math.max(s.cpu, s.memory), queued[m] / 100.0));
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(s -> s.at));
        return out;
    }

    private int[][] errorsPerMinute;
    private int[][] requestsPerMinute;

    /** The alerts AlertManager would have raised from these snapshots with its default thresholds and cooldown. */
    List<Alert> alerts(List<ResourceMetrics> snapshots) {
        Map<String, Alert> open = new HashMap<>();
        Map<String, Instant> resolved = new HashMap<>();
        List<Alert> out = new ArrayList<>();
        for (ResourceMetrics s : snapshots) {
            int i = s.instance.equals(PRIMARY) ? 0 : 1;
            int m = (int) ((s.at.toEpochMilli() - start) / MIN);
            double errorRate = requestsPerMinute[i][m] == 0 ? 0 : (double) errorsPerMinute[i][m] / requestsPerMinute[i][m];
            check(out, open, resolved, s, "cpu", s.cpu, 0.85, "CPU at %.0f%% (threshold %.0f%%)", 100);
            check(out, open, resolved, s, "memory", s.memory, 0.90, "memory at %.0f%% (threshold %.0f%%)", 100);
            check(out, open, resolved, s, "error_rate", errorRate, 0.05, "%.1f%% of answers were errors (threshold %.1f%%)", 100);
            check(out, open, resolved, s, "response_time", s.meanResponseMs, 30_000, "mean response time %.0f ms (threshold %.0f ms)", 1);
        }
        return out;
    }

    void check(List<Alert> out, Map<String, Alert> open, Map<String, Instant> resolved, ResourceMetrics s, String metric,
            double value, double threshold, String format, double scale) {
        String key = s.instance + "/" + metric;
        Alert alert = open.get(key);
        Instant now = s.at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(30);
        if (value > threshold && alert == null) {
            Instant last = resolved.get(key);
            if (last != null && last.plus(Duration.ofMinutes(15)).isAfter(now)) {
                return;
            }
            alert = new Alert();
            alert.instance = s.instance;
            alert.metric = metric;
            alert.status = "open";
            alert.value = value;
            alert.openedValue = value;
            alert.threshold = threshold;
            alert.openedAt = now;
            alert.message = "AiArt " + s.instance + ": " + String.format(Locale.ROOT, format, value * scale, threshold * scale);
            open.put(key, alert);
            out.add(alert);
        } else if (alert != null && value <= threshold) {
            alert.status = "resolved";
            alert.resolvedAt = now;
            open.remove(key);
            resolved.put(key, now);
        } else if (alert != null) {
            alert.value = Math.max(alert.value, value);
        }
    }


    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
