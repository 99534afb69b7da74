package ai.aiart.bench;

import java.util.function.LongSupplier;

/**
 * The store proxy's throttle: a token bucket of {@code rate} tokens a second holding at most
 * a tenth of a second's worth (so a short burst passes at once, as a cluster absorbs one).
 * {@link #take} never refuses: a message that finds the bucket empty reserves the next token
 * and is told how long to wait for it, so messages leave in the order they came, at the rate,
 * as a free Atlas cluster holds operations back rather than failing them. Rate 0: no limit.
 * Time comes from the injected clock (nanoseconds), so the arithmetic is testable.
 */
final class TokenBucket {

    private final LongSupplier nanos;
    private double rate;
    private double burst;
    private double tokens;
    private long last;

    TokenBucket(double rate, LongSupplier nanos) {
        this.nanos = nanos;
        setRate(rate);
    }

    /** A new rate (0: unlimited); the bucket starts full. */
    synchronized void setRate(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("rate " + perSecond);
        }
        rate = perSecond;
        burst = Math.max(1, perSecond / 10);
        tokens = burst;
        last = nanos.getAsLong();
    }

    synchronized double rate() {
        return rate;
    }

    /** The most tokens the bucket holds (a tenth of the rate, at least 1). */
    synchronized double burst() {
        return burst;
    }

    /**
     * Takes one token and returns how many nanoseconds the caller must wait before it may send:
     * 0 while the bucket has tokens; otherwise its place in the line behind the messages that
     * already reserved the coming tokens.
     */
    synchronized long take() {
        if (rate == 0) {
            return 0;
        }
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * 1e9);
    }
}
