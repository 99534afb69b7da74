package ai.aiart.support;

import java.util.Map;

/**
 * Small limits, each test class its own addresses (visitors told apart by X-Forwarded-For), no workers or
 * schedules, and the load pinned:
 * <ul>
 * <li>four job reads and three beacons a minute, two live-status streams a visitor and three in all, heartbeats
 * every second (GatesAndStreamsTest, RefusalRollupTest);</li>
 * <li>four creations a minute with no grace, and a 20 MB decode budget of two slots waiting 1 s
 * (UploadBombTest).</li>
 * </ul>
 * One profile, so one application start for the three: none of them comes near a limit it does not test.
 */
public class SmallLimitsProfile implements io.quarkus.test.junit.QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> limits = new java.util.HashMap<>(Map.of(
                "aiart.rate-limit.polling-per-minute", "4",
                "aiart.rate-limit.beacons-per-minute", "3",
                "aiart.queue.events-per-visitor", "2",
                "aiart.queue.events-max", "3",
                "aiart.queue.events-heartbeat", "1s",
                "aiart.trusted-proxies", "1"));
        limits.putAll(Map.of(
                "aiart.uploads.decode-budget", "20M",
                "aiart.uploads.max-concurrent-decodes", "2",
                "aiart.uploads.decode-wait", "1s",
                "aiart.uploads.max-per-visitor", "10",
                "aiart.rate-limit.anonymous", "4",
                "aiart.rate-limit.window", "60s",
                "aiart.rate-limit.grace", "0"));
        return NoSchedules.with(PinnedLoad.with(limits));
    }
}
