package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void aTenthOfASecondsWorthPassesAtOnceThenEachWaitsItsTurn() {
        TokenBucket bucket = new TokenBucket(100, now::get);
        assertEquals(10, bucket.burst());
        for (int i = 0; i < 10; i++) {
            assertEquals(0, bucket.take(), "message " + i + " of the burst");
        }
        // nothing refills while the clock stands still: the next ones reserve the coming tokens, 10 ms apart
        assertEquals(10_000_000L, bucket.take());
        assertEquals(20_000_000L, bucket.take());
        assertEquals(30_000_000L, bucket.take());
    }

    @Test
    void theLineShortensAsTimePassesAndTheRateHoldsOverASecond() {
        TokenBucket bucket = new TokenBucket(100, now::get);
        int sentAtOnce = 0;
        long lastWait = 0;
        for (int i = 0; i < 110; i++) { // 110 messages at the same instant
            long wait = bucket.take();
            if (wait == 0) {
                sentAtOnce++;
            }
            lastWait = wait;
        }
        assertEquals(10, sentAtOnce);
        assertEquals(1_000_000_000L, lastWait); // the 110th leaves one second later: 100 a second after the burst
        advanceMs(1000);
        assertEquals(10_000_000L, bucket.take()); // the line has just emptied; the bucket has not refilled
    }

    @Test
    void anIdleBucketRefillsOnlyToItsBurst() {
        TokenBucket bucket = new TokenBucket(100, now::get);
        for (int i = 0; i < 10; i++) {
            bucket.take();
        }
        advanceMs(50); // five tokens back
        for (int i = 0; i < 5; i++) {
            assertEquals(0, bucket.take());
        }
        assertEquals(10_000_000L, bucket.take());
        advanceMs(60_000); // a minute idle: still only a burst of 10
        for (int i = 0; i < 10; i++) {
            assertEquals(0, bucket.take());
        }
        assertEquals(10_000_000L, bucket.take());
    }

    @Test
    void rateZeroHoldsNothingAndANewRateStartsFull() {
        TokenBucket bucket = new TokenBucket(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, bucket.take());
        }
        bucket.setRate(5);
        assertEquals(1, bucket.burst()); // at least one token, so a slow rate still lets one through
        assertEquals(0, bucket.take());
        assertEquals(200_000_000L, bucket.take());
        bucket.setRate(0);
        assertEquals(0, bucket.take());
        assertThrows(IllegalArgumentException.class, () -> bucket.setRate(-1));
    }
}
