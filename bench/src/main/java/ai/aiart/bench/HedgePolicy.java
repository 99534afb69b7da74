package ai.aiart.bench;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * When the site's ApiClient hedges (frontend/src/api-client.js, {@code createHedgePolicy};
 * docs/FAILOVER.md): per class, the p95 of the last 100 answer times clamped to the class's floor
 * and ceiling (the ceiling before a first answer), and a budget that lets hedges be at most 4 % of
 * hedgeable requests plus a burst of 3 (a token bucket: each request earns 0.04, a hedge spends 1).
 */
final class HedgePolicy {

    /** Reads (GET) and keyed creations (POST with an Idempotency-Key), with their clamps in ms. */
    enum Kind {
        READ(500, 800), CREATE(1000, 1200);

        final long floorMs;
        final long ceilingMs;

        Kind(long floorMs, long ceilingMs) {
            this.floorMs = floorMs;
            this.ceilingMs = ceilingMs;
        }
    }

    static final int WINDOW = 100;
    static final double RATIO = 0.04;
    static final double BURST = 3;

    private final Map<Kind, Deque<Double>> samples = new EnumMap<>(Kind.class);
    private double tokens = BURST;

    HedgePolicy() {
        for (Kind k : Kind.values()) {
            samples.put(k, new ArrayDeque<>());
        }
    }

    /** How long a request of this kind waits for its first backend before it is hedged. */
    synchronized long delayMs(Kind kind) {
        Deque<Double> s = samples.get(kind);
        if (s.isEmpty()) {
            return kind.ceilingMs;
        }
        double p95 = p95(s.stream().mapToDouble(Double::doubleValue).toArray());
        return Math.round(Math.min(kind.ceilingMs, Math.max(kind.floorMs, p95)));
    }

    /** An answer (any status) came after {@code ms}. */
    synchronized void record(Kind kind, double ms) {
        Deque<Double> s = samples.get(kind);
        s.addLast(ms);
        if (s.size() > WINDOW) {
            s.removeFirst();
        }
    }

    /** A hedgeable request was sent: it earns its share of a hedge. */
    synchronized void earn() {
        tokens = Math.min(BURST, tokens + RATIO);
    }

    /** Whether the budget allows a hedge now; spends it if so. */
    synchronized boolean spend() {
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** The 95th percentile of these answer times, as the site computes it (nearest rank). */
    static double p95(double... ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)];
    }
}
