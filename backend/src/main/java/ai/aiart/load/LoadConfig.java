package ai.aiart.load;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Load sampling ({@code aiart.load.*}, {@link ResourceMonitor}). Only the monitor's schedule reads it,
 * by its key; unremovable, so that Quarkus registers the mapping (its default, and the key as known)
 * although nothing injects it.
 */
@Unremovable
@ConfigMapping(prefix = "aiart.load")
public interface LoadConfig {

    /** How often the resource monitor samples CPU, memory and queue. */
    @WithDefault("5s")
    String sampleEvery();
}
