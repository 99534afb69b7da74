package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The latency histogram and outcome tally every scenario reports through. */
class LatTest {

    @Test
    void percentilesAreMillisecondsOfWhatWasRecordedInNanoseconds() {
        Lat lat = new Lat("answers");
        for (int ms = 100; ms >= 1; ms--) { // out of order: the histogram sorts
            lat.record(ms * 1_000_000L, 200);
        }
        // three significant digits: within 0.1 % of the recorded value
        assertEquals(50, lat.ms(50), 0.05);
        assertEquals(99, lat.ms(99), 0.1);
        assertEquals(1, lat.ms(0), 0.001);
        assertEquals(100, lat.maxMs(), 0.1);
        assertEquals(100, lat.count());
    }

    @Test
    void anAnswerFasterThanAMicrosecondCountsAsOne() {
        Lat lat = new Lat("fast");
        lat.record(400, 200);
        assertEquals(0.001, lat.ms(50));
    }

    @Test
    void nothingRecordedIsNotMeasuredRatherThanZero() {
        Lat lat = new Lat("none");
        assertTrue(Double.isNaN(lat.ms(99)));
        assertTrue(Double.isNaN(lat.maxMs()));
        assertEquals(0, lat.count());
        assertEquals("none", lat.outcomeSummary());
    }

    @Test
    void outcomesAreTalliedByStatusAndNoAnswerIsIo() {
        Lat lat = new Lat("tally");
        for (int i = 0; i < 3; i++) {
            lat.record(1_000_000, 202);
        }
        lat.record(1_000_000, 429);
        lat.failed(5_000_000_000L);
        lat.failed(2_000_000);

        assertEquals(Map.of("202", 3L, "429", 1L, "io", 2L), lat.outcomes());
        assertEquals(3, lat.countOf("202"));
        assertEquals(0, lat.countOf("503"));
        assertEquals(6, lat.count());
        // a request that got no answer still has its wait in the histogram
        assertEquals(5000, lat.maxMs(), 5);
        assertEquals("202: 3, 429: 1, io: 2", lat.outcomeSummary());
    }

    @Test
    void errorsAre5xxAndNoAnswerButNotBusyNorRefusals() {
        Lat lat = new Lat("errors");
        lat.record(1, 200);
        lat.record(1, 202);
        lat.record(1, 404);
        lat.record(1, 429);
        lat.record(1, 503); // "busy, come back in n s": friendly
        lat.record(1, 500);
        lat.record(1, 502);
        lat.failed(1);
        assertEquals(3, lat.errors());
    }
}
