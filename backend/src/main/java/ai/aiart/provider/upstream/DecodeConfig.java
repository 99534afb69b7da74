package ai.aiart.provider.upstream;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The decode budget of an instance ({@link DecodeBudget}), under {@code aiart.uploads} where it
 * has always been set; the other upload settings are the generation's ({@code generation/UploadsConfig}).
 */
@ConfigMapping(prefix = "aiart.uploads")
public interface DecodeConfig {

    /**
     * Memory that picture decoding may hold at once on an instance (upload checks, the offline
     * renderer reading an upload, checks of an upstream's picture), estimated from each picture's
     * header ({@code MediaProbe.decodeCost}). A picture whose decode alone would need more is
     * refused with 413; one that finds the budget taken waits {@code aiart.uploads.decode-wait}. The default
     * takes a 4096 × 4096 progressive JPEG (48 MB) and a WebP of up to about 13.6 megapixels
     * (3,600 × 3,600 px), and keeps a flood of the largest WebP (64 MB each to decode) out of a
     * 256 MB heap (docs/RELIABILITY.md, "Uploads").
     */
    @WithDefault("52M")
    MemorySize decodeBudget();

    /** Decodes that may run at once on an instance, whatever their size. */
    @WithDefault("2")
    int maxConcurrentDecodes();
}
