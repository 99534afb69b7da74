package ai.aiart.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a generation request may ask for, and the sizes made ({@code aiart.generation.*}). */
@ConfigMapping(prefix = "aiart.generation")
public interface GenerationConfig {

    /** Longest prompt accepted, in characters. */
    @WithDefault("2000")
    int maxPromptLength();

    /** Length in pixels of the long side of generated pictures. */
    @WithDefault("1024")
    int longSide();

    /** Length in pixels of the long side of generated videos. */
    @WithDefault("640")
    int videoLongSide();

    /** Length of a video when the caller does not say. */
    @WithDefault("4")
    int defaultVideoSeconds();

    /** How long an Idempotency-Key keeps returning the job it created. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /**
     * Result downloads one instance streams at the same time. Each holds about one GridFS
     * chunk (255 KB) plus the connection's write queue, so the bound caps the memory a burst
     * of downloads can take (docs/PERFORMANCE.md); beyond it a download waits
     * {@link #downloadWait()}, then gets 503 {@code resource_limit} with Retry-After.
     */
    @WithDefault("16")
    int maxConcurrentDownloads();

    /** How long a result download may wait for a free slot before it is refused. */
    @WithDefault("2s")
    Duration downloadWait();
}
