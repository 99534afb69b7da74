package ai.aiart.provider;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in offline renderer ({@code aiart.local.*}, provider/local/LocalProvider). */
@ConfigMapping(prefix = "aiart.local")
public interface LocalConfig {

    /** Whether the offline renderer takes part in the provider chains. */
    @WithDefault("true")
    boolean enabled();

    /** Frames per second of the offline renderer's videos. */
    @WithDefault("12")
    int videoFps();

    /** Optional artificial delay per job, to make queues visible in demos. */
    Optional<Duration> delay();
}
