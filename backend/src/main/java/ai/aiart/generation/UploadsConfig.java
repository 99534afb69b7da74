package ai.aiart.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Uploaded pictures (image-to-image, image-to-video). The instance's decode budget, under the same
 * prefix, is the provider's ({@code provider/upstream/DecodeConfig}).
 */
@ConfigMapping(prefix = "aiart.uploads")
public interface UploadsConfig {

    /** Largest upload accepted, in bytes. */
    @WithDefault("10485760")
    long maxBytes();

    /** Longest side of an upload, in pixels. */
    @WithDefault("4096")
    int maxSide();

    /**
     * Uploads one visitor may have stored at once (each waits for its job, and is deleted as
     * soon as the job ends); one more is refused with 429 {@code rate_limited}.
     */
    @WithDefault("3")
    int maxPerVisitor();

    /**
     * How long an upload waits for the decode budget before it is refused with 503
     * {@code resource_limit} and Retry-After.
     */
    @WithDefault("10s")
    Duration decodeWait();
}
