package ai.aiart.provider.upstream;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.aiart.core.DecodeLimit;
import ai.aiart.core.MediaProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How much memory picture decoding may hold at once, on this instance (docs/RELIABILITY.md,
 * "Uploads"). A picture's header says how large it is, and {@link MediaProbe#decodeCost} turns that
 * into the bytes its decoder will allocate; a decode runs only while it holds that many bytes of the
 * budget ({@code aiart.uploads.decode-budget}) and one of {@code aiart.uploads.max-concurrent-decodes}
 * slots. A tiny file that declares a huge picture (a decompression bomb) then waits its turn instead
 * of taking the heap: without it, eight 44-byte lossless WebPs declaring 4096 × 4096 pixels allocate
 * 64 MB each at once and end a 512 MB instance.
 *
 * <p>The budget is in whole kibibytes, so every cost up to several gigabytes fits a semaphore's
 * permits. Used by the upload check, the offline renderer reading an upload, and the check of a
 * picture an upstream sent.
 */
@ApplicationScoped
public class DecodeBudget implements DecodeLimit {

    private final long capacityKib;
    private final Semaphore kib;
    private final Semaphore slots;
    private final MeterRegistry meters;
    private final java.util.concurrent.atomic.AtomicLong peakKib = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    public DecodeBudget(DecodeConfig config, MeterRegistry meters) {
        this(config.decodeBudget().asLongValue(), config.maxConcurrentDecodes(), meters);
    }

    /** A budget of {@code bytes} for at most {@code concurrent} decodes at once. */
    public DecodeBudget(long bytes, int concurrent, MeterRegistry meters) {
        if (bytes < 1024 || concurrent < 1) {
            throw new IllegalArgumentException("A decode budget needs at least 1 KiB and one slot");
        }
        this.capacityKib = Math.min(Integer.MAX_VALUE, bytes / 1024);
        this.kib = new Semaphore((int) capacityKib, true);
        this.slots = new Semaphore(concurrent, true);
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        this.meters.gauge("aiart.decodes.held.bytes", this, DecodeBudget::held);
    }

    /** The whole budget in bytes: a decode that costs more can never run. */
    public long capacity() {
        return capacityKib * 1024;
    }

    /** Whether a decode of {@code bytes} can ever run here. */
    @Override
    public boolean fits(long bytes) {
        return kibOf(bytes) <= capacityKib;
    }

    /**
     * Holds {@code bytes} of the budget and a slot, waiting at most {@code wait}; null when they did
     * not come free in time. Close the lease when the decoded pixels are no longer needed.
     *
     * @throws IllegalArgumentException when the cost can never fit ({@link #fits})
     */
    @Override
    public Lease lease(long bytes, Duration wait) {
        if (!fits(bytes)) {
            throw new IllegalArgumentException("A decode of " + bytes + " bytes exceeds the budget of " + capacity());
        }
        int permits = (int) kibOf(bytes);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return timedOut();
            }
            if (!kib.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                slots.release();
                return timedOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        peakKib.accumulateAndGet(capacityKib - kib.availablePermits(), Math::max);
        return new Lease(permits);
    }

    /** Bytes held by decodes running now. */
    public long held() {
        return (capacityKib - kib.availablePermits()) * 1024;
    }

    /** The most bytes ever held at once since the start (or the last {@link #resetPeak}). */
    public long peakHeld() {
        return peakKib.get() * 1024;
    }

    /** Starts {@link #peakHeld} again from what is held now (tests). */
    public void resetPeak() {
        peakKib.set(capacityKib - kib.availablePermits());
    }

    private Lease timedOut() {
        meters.counter("aiart.decodes.waited.out").increment();
        return null;
    }

    private static long kibOf(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** A held share of the budget; closing it twice gives it back once. */
    public final class Lease implements DecodeLimit.Lease {
        private final int permits;
        private boolean closed;

        private Lease(int permits) {
            this.permits = permits;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                kib.release(permits);
                slots.release();
            }
        }
    }

    /**
     * Decodes an upload subsampled toward {@code width} × {@code height} (by whole steps: the caller scales the
     * rest), within this budget, and hands the picture to {@code use} while the lease holds; {@code extra} bytes
     * more are leased for what {@code use} makes of it. A picture too large for the whole budget is refused
     * ({@code input_too_large}); one that cannot get its share within {@code wait} is {@code busy}; one that
     * cannot be decoded is {@code input_unreadable}. Used by the offline renderer and the input fitting.
     */
    public <T> T decode(ai.aiart.provider.GenerationRequest.InputImage input, int width, int height, long extra, Duration wait,
            java.util.function.Function<java.awt.image.BufferedImage, T> use) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(input.file().toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable(null);
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int step = Math.max(1, Math.min(input.width() / Math.max(1, width), input.height() / Math.max(1, height)));
                long cost = MediaProbe.decodeCost(input.file(), reader.getFormatName(), input.width(), input.height(),
                        (input.width() + step - 1) / step, (input.height() + step - 1) / step) + extra;
                if (!fits(cost)) {
                    throw new ai.aiart.provider.ProviderException("input_too_large", "The uploaded picture is too large to read.",
                            false, null);
                }
                try (Lease lease = lease(cost, wait)) {
                    if (lease == null) {
                        throw new ai.aiart.provider.ProviderException("busy", "The uploaded picture could not be read in time.", true,
                                null);
                    }
                    javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                    param.setSourceSubsampling(step, step, 0, 0);
                    return use.apply(reader.read(0, param));
                }
            } finally {
                reader.dispose();
            }
        } catch (java.io.IOException e) {
            throw unreadable(e);
        }
    }

    private static ai.aiart.provider.ProviderException unreadable(Exception cause) {
        return new ai.aiart.provider.ProviderException("input_unreadable", "The uploaded picture could not be read.", false, cause);
    }
}
