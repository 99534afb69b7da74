package ai.aiart.load;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pausing non-essential work while nobody uses the instance ({@code aiart.hibernation.*}, docs/OPERATIONS.md). */
@ConfigMapping(prefix = "aiart.hibernation")
public interface HibernationConfig {

    /** Whether the instance may hibernate at all. */
    @WithDefault("true")
    boolean enabled();

    /** Time without API traffic (health probes do not count) and with an empty queue before hibernating. */
    @WithDefault("15m")
    Duration idle();

    /** How often idle workers look for jobs while hibernating. */
    @WithDefault("30s")
    Duration pollEvery();
}
