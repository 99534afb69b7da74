package ai.aiart.generation.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.generation.GenerationConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * Bounds the result downloads this instance streams at once. A download in flight holds
 * about one GridFS chunk and the connection's write queue; without a bound, 200 simultaneous
 * downloads took a backend from 320 MB to 637 MB resident (docs/PERFORMANCE.md). Past the
 * bound a download waits briefly for a slot, then is refused with 503 {@code resource_limit}
 * and a Retry-After, like every other "busy" answer. Results are immutable, so browsers and
 * CDNs cache them and a refused download costs one retry.
 *
 * <p>No thread waits for a slot: a waiting download is an entry in a queue, handed the slot of
 * the download that ends first (oldest waiter first) or refused by a timer. Downloads read
 * their pieces on threads of their own, at most one per slot, so they neither wait for nor
 * hold the worker threads that requests need.
 */
@ApplicationScoped
public class ResultDownloads {

    /** Seconds a refused download is told to wait: a slot frees up as soon as one download ends. */
    static final long RETRY_AFTER_SECONDS = 2;

    /** How long a reading thread outlives the last download it served: a burst's threads end soon after it. */
    private static final long IDLE_READER_SECONDS = 30;

    private final int max;
    private final long waitMs;
    private final Vertx vertx;
    private final Counter refused;
    private final ThreadPoolExecutor readers;

    /** Slots no download holds; while downloads wait, a slot given back goes to the oldest instead. */
    private int free;
    /** Downloads waiting for a slot, oldest first. Both guarded by {@code this}. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    public ResultDownloads(GenerationConfig config, MeterRegistry meters, Vertx vertx) {
        this.max = Math.max(1, config.maxConcurrentDownloads());
        this.waitMs = config.downloadWait().toMillis();
        this.vertx = vertx;
        this.free = max;
        // one thread per slot at most: a download holding a slot runs one task at a time (open its
        // file, then read one piece), so no task of a download queues behind another's
        AtomicInteger created = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(max, max, IDLE_READER_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "aiart-download-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.readers.allowCoreThreadTimeOut(true);
        this.refused = Counter.builder("aiart.result.downloads.refused")
                .description("Result downloads refused because too many were in flight").register(meters);
        Gauge.builder("aiart.result.downloads.active", this, ResultDownloads::active)
                .description("Result downloads being streamed").register(meters);
    }

    /**
     * A slot for one download, once one is free: at once if one is, else when a download ends
     * (the oldest waiter first), holding no thread meanwhile. The slot is delivered on one of the
     * downloads' own threads, where the download may open its file (a blocking store call).
     * Fails with 503 {@code resource_limit} when no slot frees up within
     * {@code aiart.generation.download-wait}.
     *
     * <p>The slot is given back once, by {@link Slot#release()}, whoever calls it first (the end
     * of the stream of {@link #pieces}), and at the latest when {@code over} completes: the
     * download's response has ended, however it ended. A download whose client left while it
     * waited leaves the queue then; one handed a slot it will never use (its client left as the
     * slot came, or its subscription was cancelled) gives it back.
     *
     * @param over completes when the download's response is over (sent, failed, or the client gone)
     */
    public Uni<Slot> acquire(CompletionStage<?> over) {
        return Uni.createFrom().deferred(() -> {
            Waiter waiter = new Waiter();
            over.thenRun(waiter::leave);
            return Uni.createFrom().<Slot> emitter(waiter::start).onCancellation().invoke(waiter::leave);
        });
    }

    /**
     * Bytes read from the store per piece written to the client: about one GridFS chunk
     * (255 KB), so a picture is a handful of pieces. Each piece costs a hop to a reading thread
     * and one to the event loop; with 64 KB pieces a loaded machine spent seconds on the hops.
     */
    static final int PIECE = 256 * 1024;

    /**
     * The content as a stream of pieces, each read (blocking, on one of the downloads' own
     * threads) only when the writer asks for the next one, i.e. once the previous piece has been
     * written. The content is closed and the slot given back when the stream completes, fails or
     * is cancelled.
     */
    Multi<byte[]> pieces(InputStream content, Slot slot) {
        return Multi.createBy().repeating().supplier(() -> read(content)).until(piece -> piece.length == 0)
                .runSubscriptionOn(readers)
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

    /** Downloads being streamed now (holding a slot). */
    public int active() {
        synchronized (this) {
            return max - free;
        }
    }

    /** Gives a slot back: to the oldest waiting download if there is one, else to the free ones. */
    private void giveBack() {
        Waiter next;
        synchronized (this) {
            next = waiters.pollFirst();
            if (next == null) {
                free++;
                return;
            }
            next.slot = new Slot();
        }
        next.hand();
    }

    private ProblemException refusal() {
        return new ProblemException(ErrorType.RESOURCE_LIMIT,
                "Many pictures are being downloaded right now. Please try again in " + RETRY_AFTER_SECONDS + " seconds.",
                RETRY_AFTER_SECONDS, null, Map.of());
    }

    /**
     * One download from the moment it asks for a slot until its response is over. Its fields are
     * guarded by the enclosing {@link ResultDownloads}. It is in {@link #waiters} only while it
     * waits, so it is handed a slot at most once, and never after it was refused or left.
     */
    private final class Waiter {

        private UniEmitter<? super Slot> emitter;
        /** The refusal timer while it waits, else -1. */
        private long timer = -1;
        /** The slot it was handed, if any. */
        private Slot slot;
        /** Its response is over, or its subscriber gone: it takes no slot any more. */
        private boolean left;

        void start(UniEmitter<? super Slot> emitter) {
            synchronized (ResultDownloads.this) {
                this.emitter = emitter;
                if (!left && free == 0) {
                    waiters.addLast(this);
                    timer = vertx.setTimer(Math.max(1, waitMs), id -> refuse());
                    return;
                }
                if (!left) {
                    free--;
                    slot = new Slot();
                }
            }
            if (slot == null) {
                end();
            } else {
                hand();
            }
        }

        /** Delivers its slot on a download thread: the caller may be an event loop, and what follows may block. */
        void hand() {
            Slot handed;
            long pending;
            synchronized (ResultDownloads.this) {
                handed = slot;
                pending = timer;
                timer = -1;
            }
            if (pending >= 0) {
                vertx.cancelTimer(pending);
            }
            readers.execute(() -> emitter.complete(handed));
        }

        private void refuse() {
            synchronized (ResultDownloads.this) {
                timer = -1;
                if (!waiters.remove(this)) {
                    return; // handed a slot just now, or gone
                }
            }
            refused.increment();
            emitter.fail(refusal());
        }

        void leave() {
            Slot held;
            long pending;
            boolean waiting;
            synchronized (ResultDownloads.this) {
                if (left) {
                    return;
                }
                left = true;
                waiting = waiters.remove(this);
                held = slot;
                pending = timer;
                timer = -1;
            }
            if (pending >= 0) {
                vertx.cancelTimer(pending);
            }
            if (held != null) {
                held.release();
            } else if (waiting) {
                end();
            }
        }

        /**
         * Ends a wait whose response is over. Nobody listens any more, as a rule; should the
         * response's subscriber still (its client left just as it subscribed), it is answered as
         * refused and so finishes the request instead of waiting forever.
         */
        private void end() {
            emitter.fail(refusal());
        }
    }

    /** One download's slot. */
    public final class Slot {

        private final AtomicBoolean released = new AtomicBoolean();

        private Slot() {
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack();
            }
        }

    }
}
