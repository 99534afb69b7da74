package ai.aiart.ratelimit;

/**
 * The arithmetic of fair use, free of I/O and time sources so it can be tested exactly:
 * a token bucket refilled evenly, grace for new identities, a retry hint that grows with
 * consecutive refusals, the count of refusals towards a block, and the deferred lane
 * (docs/FAIR_USE.md, "Soft throttling"): a token taken on credit.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /**
     * The outcome of one request against a bucket, and the state to store. {@code deferMs} &gt; 0:
     * allowed on credit, not to start before that many milliseconds from now.
     */
    public record Decision(boolean allowed, boolean grace, BucketState next, long retryAfterSeconds,
            int remaining, long resetSeconds, int graceLeft, long deferMs) {

        Decision(boolean allowed, boolean grace, BucketState next, long retryAfterSeconds, int remaining, long resetSeconds,
                int graceLeft) {
            this(allowed, grace, next, retryAfterSeconds, remaining, resetSeconds, graceLeft, 0);
        }

        /** Allowed on credit: the request waits in the deferred lane until its token is due. */
        public boolean deferred() {
            return deferMs > 0;
        }
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

    /** Decides one request, refusing it when no token is there. */
    public static Decision take(BucketState current, Limits limits, long nowMs, long maxRetryMs, long abuseWindowMs) {
        return take(current, limits, nowMs, maxRetryMs, abuseWindowMs, false);
    }

    /**
     * Decides one request.
     *
     * @param maxRetryMs the cap of the growing retry hint
     * @param abuseWindowMs the window in which refusals are counted
     * @param defer when no token is there but no token is owed either ({@code tokens >= 0}), take the
     *        next one on credit: tokens go below 0 until it has been refilled, so a second request in
     *        that time is refused as usual, and one identity has at most one deferred request at a time
     */
    public static Decision take(BucketState current, Limits limits, long nowMs, long maxRetryMs, long abuseWindowMs,
            boolean defer) {
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
        if (defer && next.tokens >= 0) {
            long dueMs = Math.max(1, (long) Math.ceil((1 - next.tokens) / limits.refillPerMs()));
            next.tokens -= 1;
            next.consecutiveRefusals = 0;
            return new Decision(true, false, next, 0, 0, resetSeconds(next, limits), 0, dueMs);
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
