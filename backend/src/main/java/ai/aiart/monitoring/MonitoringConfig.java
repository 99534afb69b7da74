package ai.aiart.monitoring;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stored metric snapshots and the traffic roll-ups ({@code aiart.monitoring.*}). */
@ConfigMapping(prefix = "aiart.monitoring")
public interface MonitoringConfig {

    /** How often a ResourceMetrics snapshot is stored. */
    @WithDefault("1m")
    String snapshotEvery();

    /**
     * How often the traffic roll-up looks for closed minutes to write: each instance writes a
     * minute once, at most this long after it ended (one insert per minute with traffic).
     */
    @WithDefault("5s")
    String flushEvery();

    /** Most distinct hashed IPs one minute of the traffic roll-up keeps; more are counted as overflow. */
    @WithDefault("2000")
    int minuteIps();

    /**
     * Most distinct endpoints, pages and click targets (each) one minute keeps; the rest are
     * counted under "(other)" and as overflow, so paths made up by scanners cannot grow a minute.
     */
    @WithDefault("200")
    int minuteKeys();

    /** Most distinct response times (at 0.1 ms) one minute keeps; more are left out of the distribution and counted. */
    @WithDefault("3000")
    int minuteDurations();

    /** Closed minutes held in memory while the store cannot take them; beyond it the oldest are dropped and counted. */
    @WithDefault("120")
    int unwrittenMinutes();

    /** How long traffic roll-ups, snapshots and error records are kept. */
    @WithDefault("P30D")
    Duration keep();
}
