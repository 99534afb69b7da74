package ai.aiart.generation.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.web.ErrorType;
import ai.aiart.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounds the result downloads this instance streams at once. A download in flight holds
 * about one GridFS chunk and the connection's write queue; without a bound, 200 simultaneous
 * downloads took a backend from 320 MB to 637 MB resident (docs/PERFORMANCE.md). Past the
 * bound a download waits briefly for a slot, then is refused with 503 {@code resource_limit}
 * and a Retry-After, like every other "busy" answer. Results are immutable, so browsers and
 * CDNs cache them and a refused download costs one retry.
 */
@ApplicationScoped
public class ResultDownloads {

    /** Seconds a refused download is told to wait: a slot frees up as soon as one download ends. */
    static final long RETRY_AFTER_SECONDS = 2;

    private final int max;
    private final Duration wait;
    private final Semaphore slots;
    private final Counter refused;

    public ResultDownloads(AiartConfig config, MeterRegistry meters) {
        this.max = Math.max(1, config.generation().maxConcurrentDownloads());
        this.wait = config.generation().downloadWait();
        this.slots = new Semaphore(max, true);
        this.refused = Counter.builder("aiart.result.downloads.refused")
                .description("Result downloads refused because too many were in flight").register(meters);
        Gauge.builder("aiart.result.downloads.active", this, ResultDownloads::active)
                .description("Result downloads being streamed").register(meters);
    }

    /**
     * Takes a slot for one download (waiting up to {@code aiart.generation.download-wait}).
     * The slot is given back once, by {@link Slot#release()} or by closing the stream that
     * {@link Slot#guard(InputStream)} returns, whichever comes first.
     *
     * @throws ProblemException 503 {@code resource_limit} when no slot frees up in time
     */
    public Slot acquire() {
        boolean got;
        try {
            got = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            refused.increment();
            throw new ProblemException(ErrorType.RESOURCE_LIMIT,
                    "Many pictures are being downloaded right now. Please try again in " + RETRY_AFTER_SECONDS + " seconds.",
                    RETRY_AFTER_SECONDS, null, Map.of());
        }
        return new Slot();
    }

    /** Downloads being streamed now. */
    public int active() {
        return max - slots.availablePermits();
    }

    /** One download's slot. */
    public final class Slot {

        private final AtomicBoolean released = new AtomicBoolean();

        private Slot() {
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }

        /** The stream, which gives the slot back when it is closed (the response writer closes it). */
        public InputStream guard(InputStream content) {
            return new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        release();
                    }
                }
            };
        }
    }
}
