package ai.aiart.ratelimit;

/**
 * The arithmetic of fair use, free of I/O and time sources so it can be tested exactly:
 * a token bucket refilled evenly, grace for new identities, a retry hint that grows with
 * consecutive refusals, and the count of refusals towards a block.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /** The outcome of one request against a bucket, and the state to store. */
    public record Decision(boolean allowed, boolean grace, BucketState next, long retryAfterSeconds,
            int remaining, long resetSeconds, int graceLeft) {
    }

    /** A state for an identity never seen: a full bucket, no grace used. */
    public static BucketState fresh(String id, Limits limits, long nowMs) {
        BucketState state = new BucketState();
        state.id = id;
        state.tokens = limits.capacity();
        state.updatedAt = nowMs;
        state.windowStart = nowMs;
        return state;
    }

    /** Tokens at {@code nowMs}: what was there plus the even refill, never above capacity. */
    public static double tokensAt(BucketState state, Limits limits, long nowMs) {
        long elapsed = Math.max(0, nowMs - state.updatedAt);
        return Math.min(limits.capacity(), state.tokens + elapsed * limits.refillPerMs());
    }

    /**
     * Decides one request.
     *
     * @param maxRetryMs the cap of the growing retry hint
     * @param abuseWindowMs the window in which refusals are counted
     */
    public static Decision take(BucketState current, Limits limits, long nowMs, long maxRetryMs, long abuseWindowMs) {
        BucketState next = current.copy();
        next.tokens = tokensAt(current, limits, nowMs);
        next.updatedAt = nowMs;
        if (nowMs - next.windowStart >= abuseWindowMs) {
            next.windowStart = nowMs;
            next.windowRefusals = 0;
        }
        if (next.graceUsed < limits.grace()) {
            next.graceUsed++;
            next.consecutiveRefusals = 0;
            return new Decision(true, true, next, 0, (int) Math.floor(next.tokens), resetSeconds(next, limits),
                    limits.grace() - next.graceUsed);
        }
        if (next.tokens >= 1) {
            next.tokens -= 1;
            next.consecutiveRefusals = 0;
            return new Decision(true, false, next, 0, (int) Math.floor(next.tokens), resetSeconds(next, limits), 0);
        }
        next.consecutiveRefusals++;
        next.windowRefusals++;
        long untilToken = (long) Math.ceil((1 - next.tokens) / limits.refillPerMs());
        // doubled per consecutive refusal, and per step of load above the high mark (Limits#backoff)
        long grown = untilToken * (1L << Math.min(20, next.consecutiveRefusals - 1)) * Math.max(1, limits.backoff());
        long retryMs = Math.max(untilToken, Math.min(maxRetryMs, grown));
        return new Decision(false, false, next, Math.max(1, (long) Math.ceil(retryMs / 1000.0)), 0,
                resetSeconds(next, limits), 0);
    }

    /** Seconds until the bucket is full again. */
    static long resetSeconds(BucketState state, Limits limits) {
        double missing = limits.capacity() - state.tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / limits.refillPerMs() / 1000.0);
    }
}
