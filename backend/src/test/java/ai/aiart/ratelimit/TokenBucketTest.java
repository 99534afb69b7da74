package ai.aiart.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The arithmetic of fair use on a clock the test moves. */
class TokenBucketTest {

    private static final long MINUTE = 60_000;
    private static final long MAX_RETRY = 300_000;

    private static Limits tier(String name, int perMinute) {
        return new Limits(name, perMinute, MINUTE, 5, false);
    }

    @Test
    void aNewIdentityHasGraceThenTheTiersCapacity() {
        for (int[] t : new int[][] {{3}, {5}, {10}}) {
            Limits limits = tier("t" + t[0], t[0]);
            BucketState state = TokenBucket.fresh("id", limits, 0);
            int allowed = 0;
            int graceUsed = 0;
            TokenBucket.Decision d;
            while ((d = TokenBucket.take(state, limits, 0, MAX_RETRY, MINUTE)).allowed()) {
                allowed++;
                graceUsed += d.grace() ? 1 : 0;
                state = d.next();
            }
            assertEquals(5, graceUsed, "the first five are grace");
            assertEquals(5 + t[0], allowed, "then the tier's capacity");
            assertEquals(MINUTE / t[0] / 1000, d.retryAfterSeconds(), "retry when the next token is due");
            assertEquals(60, d.resetSeconds(), "full again in a minute");
        }
    }

    @Test
    void tokensRefillEvenly() {
        Limits limits = tier("anonymous", 3);
        BucketState state = drained(limits);
        TokenBucket.Decision early = TokenBucket.take(state, limits, 19_999, MAX_RETRY, MINUTE);
        assertFalse(early.allowed(), "a token takes 20 s to grow");
        assertEquals(1, early.retryAfterSeconds());
        TokenBucket.Decision onTime = TokenBucket.take(state, limits, 20_000, MAX_RETRY, MINUTE);
        assertTrue(onTime.allowed());
        assertEquals(0, onTime.remaining());
        assertEquals(3, TokenBucket.take(state, limits, 10 * MINUTE, MAX_RETRY, MINUTE).remaining() + 1,
                "never more than the capacity");
    }

    @Test
    void theDeferredLaneTakesOneTokenOnCreditAndNoSecondUntilItIsRepaid() {
        Limits limits = tier("anonymous", 3);
        BucketState drained = drained(limits);
        // 5 s after the bucket ran dry, a quarter of a token has grown: the next one is due in 15 s
        TokenBucket.Decision deferred = TokenBucket.take(drained, limits, 5_000, MAX_RETRY, MINUTE, true);
        assertTrue(deferred.allowed());
        assertTrue(deferred.deferred());
        assertEquals(15_000, deferred.deferMs());
        assertEquals(0, deferred.remaining());
        assertEquals(0, deferred.next().consecutiveRefusals, "a deferral is no refusal");
        assertEquals(-0.75, deferred.next().tokens, 1e-9, "the token is owed");

        // while it is owed, another request is refused, told to wait until a whole token is there again
        TokenBucket.Decision second = TokenBucket.take(deferred.next(), limits, 10_000, MAX_RETRY, MINUTE, true);
        assertFalse(second.allowed());
        assertFalse(second.deferred());
        assertEquals(30, second.retryAfterSeconds(), "1.5 tokens (from −0.5 to 1) at one per 20 s");
        assertEquals(1, second.next().windowRefusals, "and that one counts towards a block");

        // once repaid (20 s after the deferral), the next request over the allowance may be deferred again
        TokenBucket.Decision again = TokenBucket.take(deferred.next(), limits, 20_000, MAX_RETRY, MINUTE, true);
        assertTrue(again.deferred());
        assertEquals(20_000, again.deferMs());
        // without the lane, the same request is refused
        assertFalse(TokenBucket.take(drained, limits, 5_000, MAX_RETRY, MINUTE, false).allowed());
        // a token in the bucket is taken as usual, never deferred
        TokenBucket.Decision normal = TokenBucket.take(drained, limits, 20_000, MAX_RETRY, MINUTE, true);
        assertTrue(normal.allowed());
        assertFalse(normal.deferred());
    }

    @Test
    void theRetryHintGrowsWithConsecutiveRefusalsUpToTheCap() {
        Limits limits = tier("anonymous", 3);
        BucketState state = drained(limits);
        long[] expected = {20, 40, 80, 160, 300, 300};
        for (long seconds : expected) {
            TokenBucket.Decision d = TokenBucket.take(state, limits, 0, MAX_RETRY, MINUTE);
            assertFalse(d.allowed());
            assertEquals(seconds, d.retryAfterSeconds());
            state = d.next();
        }
        assertEquals(6, state.windowRefusals);
        TokenBucket.Decision accepted = TokenBucket.take(state, limits, 20_000, MAX_RETRY, MINUTE);
        assertTrue(accepted.allowed());
        assertEquals(0, accepted.next().consecutiveRefusals, "an accepted request resets the hint");
    }

    @Test
    void underLoadTheHintBacksOffByTheLoadFactorToo() {
        Limits loaded = new Limits("anonymous", 3, MINUTE, 5, true, 4);
        BucketState state = drained(loaded);
        long[] expected = {80, 160, 300, 300}; // 20 s to the next token, ×4 for the load, doubled per refusal
        for (long seconds : expected) {
            TokenBucket.Decision d = TokenBucket.take(state, loaded, 0, MAX_RETRY, MINUTE);
            assertFalse(d.allowed());
            assertEquals(seconds, d.retryAfterSeconds());
            state = d.next();
        }
    }

    @Test
    void refusalsAreCountedPerWindow() {
        Limits limits = tier("anonymous", 3);
        BucketState state = drained(limits);
        state = TokenBucket.take(state, limits, 1_000, MAX_RETRY, MINUTE).next();
        state = TokenBucket.take(state, limits, 2_000, MAX_RETRY, MINUTE).next();
        assertEquals(2, state.windowRefusals);
        state.tokens = 0;
        BucketState later = TokenBucket.take(state, limits, MINUTE + 1_000, MAX_RETRY, MINUTE).next();
        assertEquals(0, later.windowRefusals, "a new window starts after the old one ends (that request was allowed)");
    }

    private static BucketState drained(Limits limits) {
        BucketState state = TokenBucket.fresh("id", limits, 0);
        state.graceUsed = 5;
        state.tokens = 0;
        return state;
    }
}
