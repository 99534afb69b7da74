package ai.aiart.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The settings every part shares: the instance's name, the schedule of the clean-ups, the key of
 * hashed addresses and the test clock. Each key is also settable by environment variable:
 * {@code aiart.instance} → {@code AIART_INSTANCE}.
 *
 * <p>Every other {@code aiart.*} key belongs to the package that uses it, in a mapping of its own
 * (docs/ARCHITECTURE.md, "Layers"): {@code aiart.queue.*} is generation/QueueConfig,
 * {@code aiart.rate-limit.*} ratelimit/RateLimitConfig, {@code aiart.providers.*}
 * provider/ProvidersConfig, and so on. This package names none of them.
 */
@ConfigMapping(prefix = "aiart")
public interface AiartConfig {

    /** Name of this backend instance, shown in {@code /api/v1/health} (e.g. primary, fallback). */
    @WithDefault("local")
    String instance();

    /** Schedule of the retention clean-ups (jobs, results and uploads; monitoring records; erased accounts). */
    @WithDefault("1h")
    String cleanupEvery();

    /**
     * Key of the keyed hash under which client IPs are stored (never in the clear). Every
     * instance must use the same key so a visitor is one identity everywhere. Only the
     * {@code dev} and {@code test} profiles have a default; every other profile refuses to
     * start without {@code AIART_IP_HASH_KEY} (see {@link IpHashKey}).
     */
    Optional<String> ipHashKey();

    /**
     * For fault tests only: this instance's clock runs this far ahead (negative: behind) of real
     * time, to show how leases behave between backends whose clocks disagree. Logged loudly when set.
     */
    @WithName("testing.clock-offset")
    Optional<Duration> clockOffset();
}
