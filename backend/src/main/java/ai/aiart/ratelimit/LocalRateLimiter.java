package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets held by this instance alone, for cheap and generous limits
 * (status polling, beacons) where sharing through the store would cost more than it saves.
 */
public final class LocalRateLimiter {

    private final int perMinute;
    private final Clock clock;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Seconds to wait, or 0 when the request may go ahead (a token was taken). */
    public long tryTake(String client) {
        long now = clock.millis();
        double refillPerMs = perMinute / 60_000.0;
        double[] bucket = buckets.computeIfAbsent(client, k -> new double[] {perMinute, now});
        synchronized (bucket) {
            bucket[0] = Math.min(perMinute, bucket[0] + (now - bucket[1]) * refillPerMs);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket[0]) / refillPerMs / 1000));
        }
    }

    /** Forgets clients whose buckets are full again (they cost nothing to recreate). */
    public void prune() {
        long now = clock.millis();
        buckets.entrySet().removeIf(e -> e.getValue()[0] + (now - e.getValue()[1]) * perMinute / 60_000.0 >= perMinute);
    }
}
