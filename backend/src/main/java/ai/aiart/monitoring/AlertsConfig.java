package ai.aiart.monitoring;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Alerts on resource and service thresholds ({@code aiart.alerts.*}, docs/OPERATIONS.md). */
@ConfigMapping(prefix = "aiart.alerts")
public interface AlertsConfig {

    /** Process CPU (0..1) above which an alert opens. */
    @WithDefault("0.85")
    double cpu();

    /** Memory use (0..1) above which an alert opens. */
    @WithDefault("0.90")
    double memory();

    /** Share of API answers that are 5xx, over one evaluation period, above which an alert opens. */
    @WithDefault("0.05")
    double errorRate();

    /** Mean API response time above which an alert opens. */
    @WithDefault("30s")
    Duration responseTime();

    /** How often thresholds are evaluated. */
    @WithDefault("1m")
    String evaluateEvery();

    /** After an alert resolves, the same alert does not open again for this long. */
    @WithDefault("15m")
    Duration cooldown();

    /**
     * Share of {@code aiart.store.ops-budget} above which the store-commands alert opens: the
     * commands a second of every live backend together, from their latest snapshots
     * (docs/OPERATIONS.md, "Store commands").
     */
    @WithDefault("0.7")
    double storeOps();

    /** Discord- or Slack-compatible webhook that is told when alerts open and resolve. */
    Optional<String> webhookUrl();
}
