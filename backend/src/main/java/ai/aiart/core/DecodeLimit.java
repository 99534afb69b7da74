package ai.aiart.core;

import java.time.Duration;

/**
 * How much memory picture decoding may hold at once: a decode runs only while it holds a lease of
 * what it will allocate ({@link MediaProbe#decodeCost}, {@link MediaProbe#trialCost}). The
 * instance's one is {@code provider/upstream/DecodeBudget} (docs/RELIABILITY.md, "Uploads"); the
 * probes here take it as this interface so that they need nothing above the ground floor.
 */
public interface DecodeLimit {

    /** Whether a decode of {@code bytes} can ever run here. */
    boolean fits(long bytes);

    /**
     * Holds {@code bytes} of the budget, waiting at most {@code wait}; null when they did not come
     * free in time. Close the lease when the decoded pixels are no longer needed.
     */
    Lease lease(long bytes, Duration wait);

    /** A held share of the budget. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
