package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/** The flood's counting of refusals by second and its rates. */
class FloodTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aRefusalCountsInTheSecondItWasAnsweredIn() {
        Lat flood = new Lat("flood");
        AtomicLongArray perSecond = new AtomicLongArray(4);
        long t0 = 7 * S; // nanoTime has an arbitrary origin
        Flood.count(429, t0, t0 + 900_000_000L, t0 + S - 1, flood, perSecond);
        Flood.count(429, t0, t0 + S - 3_000_000, t0 + S, flood, perSecond); // sent in second 0, answered in second 1
        Flood.count(202, t0, t0 + S, t0 + S + 5_000_000, flood, perSecond); // no refusal: a job made
        Flood.count(429, t0, t0 + 2 * S, t0 + 2 * S + 1, flood, perSecond);

        assertEquals("[1, 1, 1, 0]", perSecond.toString());
        assertEquals(3, flood.countOf("429"));
        assertEquals(1, flood.countOf("202"));
        // the latency is sent → answered, not since the flood began
        assertEquals(100, flood.maxMs(), 0.1);
    }

    @Test
    void theSustainedRateLeavesOutTheFirstSecondAndTheAnswersAfterTheEnd() {
        int seconds = 3;
        Lat flood = new Lat("flood");
        long[] refused = {120, 10_000, 14_000, 900, 0}; // the grace and the block; two whole seconds; answers after the end
        AtomicLongArray perSecond = new AtomicLongArray(refused);
        for (long n : refused) {
            for (long i = 0; i < n; i++) {
                flood.record(1_000_000, 429);
            }
        }
        flood.record(1_000_000, 202);

        Flood.Outcome o = Flood.outcome(flood, new Lat("normal"), 3.5, perSecond, seconds);
        assertEquals(12_000, o.sustainedRefusalsPerSecond());
        assertEquals(25_020 / 3.5, o.refusalsPerSecond(), 1e-9);
        assertEquals(3.5, o.seconds());
    }

    @Test
    void aOneSecondFloodHasNoSustainedRate() {
        Flood.Outcome o = Flood.outcome(new Lat("flood"), new Lat("normal"), 1.2, new AtomicLongArray(new long[] {500, 20, 0}), 1);
        assertTrue(Double.isNaN(o.sustainedRefusalsPerSecond()));
        assertEquals(0, o.refusalsPerSecond());
    }
}
