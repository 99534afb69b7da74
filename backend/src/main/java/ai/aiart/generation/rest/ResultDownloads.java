package ai.aiart.generation.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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
     * The slot is given back once, by {@link Slot#release()}, whoever calls it first (the end of
     * the stream of {@link #pieces}, the end of the response).
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

    /**
     * Bytes read from the store per piece written to the client: about one GridFS chunk
     * (255 KB), so a picture is a handful of pieces. Each piece costs a hop to a worker thread
     * and one to the event loop; with 64 KB pieces a loaded machine spent seconds on the hops.
     */
    static final int PIECE = 256 * 1024;

    /**
     * The content as a stream of pieces, each read (blocking, on a worker thread) only when the
     * writer asks for the next one, i.e. once the previous piece has been written. The content
     * is closed and the slot given back when the stream completes, fails or is cancelled.
     */
    static Multi<byte[]> pieces(InputStream content, Slot slot) {
        return Multi.createBy().repeating().supplier(() -> read(content)).until(piece -> piece.length == 0)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> {
                    try {
                        content.close();
                    } catch (IOException e) {
                        // nothing more to read anyway
                    }
                    slot.release();
                });
    }

    /**
     * {@code length} bytes of {@code content} from {@code first} on. GridFS skips to the chunk
     * the range starts in without reading the ones before it; the rest of the stream is not read.
     */
    static InputStream slice(InputStream content, long first, long length) {
        try {
            long skipped = 0;
            while (skipped < first) {
                long n = content.skip(first - skipped);
                if (n <= 0) {
                    throw new IOException("the stored file ended at byte " + skipped + ", before " + first);
                }
                skipped += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new java.io.FilterInputStream(content) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] into, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(into, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(Math.min(n, left));
                left -= s;
                return s;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }
        };
    }

    private static byte[] read(InputStream content) {
        try {
            return content.readNBytes(PIECE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    }
}
