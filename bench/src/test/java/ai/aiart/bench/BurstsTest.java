package ai.aiart.bench;

import static ai.aiart.bench.ApiTest.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The burst's counting of accepted, refused and lost requests, and its rates. */
class BurstsTest {

    static final StoreProxy.Key FIND = new StoreProxy.Key(Wire.APP, "find", "jobs");
    static final StoreProxy.Key INSERT = new StoreProxy.Key(Wire.APP, "insert", "jobs");
    static final StoreProxy.Key ZIPPED = new StoreProxy.Key(Wire.COMPRESSED, "compressed", "");
    static final StoreProxy.Key HELLO = new StoreProxy.Key(Wire.MONITORING, "hello", "");

    static StoreProxy.Counts counts(long find, long insert, long compressed, long hello) {
        return new StoreProxy.Counts(Map.of(FIND, find, INSERT, insert, ZIPPED, compressed, HELLO, hello), 0, 0);
    }

    static List<Api.Accepted> accepted(int n) {
        List<Api.Accepted> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new Api.Accepted("j" + i, "10.0.0." + i));
        }
        return jobs;
    }

    @Test
    void eachAnswerIsCountedAsAcceptedFriendlyUnfriendlyOrAnError() {
        Lat submit = new Lat("burst");
        List<Api.Accepted> accepted = new ArrayList<>();
        AtomicLong unfriendly = new AtomicLong();
        Bursts.count(answer(202, Map.of(), "{\"id\":\"j-1\",\"status\":\"queued\"}"), 3_000_000, "10.1.0.1", submit, accepted, unfriendly);
        Bursts.count(answer(429, Map.of(), "{\"error\":\"rate_limited\",\"retry_after\":30}"), 1_000_000, "10.1.0.2", submit, accepted, unfriendly);
        Bursts.count(answer(503, Map.of("retry-after", "2"), "{\"error\":\"busy\"}"), 1_000_000, "10.1.0.3", submit, accepted, unfriendly);
        Bursts.count(answer(429, Map.of(), "{\"error\":\"rate_limited\"}"), 1_000_000, "10.1.0.4", submit, accepted, unfriendly);
        Bursts.count(answer(503, Map.of(), "<html>Service Unavailable</html>"), 1_000_000, "10.1.0.5", submit, accepted, unfriendly);
        Bursts.count(answer(500, Map.of(), "{}"), 1_000_000, "10.1.0.6", submit, accepted, unfriendly);
        submit.failed(60_000_000_000L); // a seventh visitor got no answer

        assertEquals(List.of(new Api.Accepted("j-1", "10.1.0.1")), accepted);
        assertEquals(2, unfriendly.get());
        assertEquals("202: 1, 429: 2, 500: 1, 503: 2, io: 1", submit.outcomeSummary());
        Bursts.Outcome o = new Bursts.Outcome(7, submit, new Lat("health"), 1.0, accepted, Double.NaN, Map.of(), counts(0, 0, 0, 0),
                StoreProxy.Counts.NONE, unfriendly.get());
        // friendly: the 202 and the two refusals that said when to come back
        assertEquals(3, o.friendly());
        assertEquals(2, o.submit().errors());
    }

    @Test
    void storeCommandsPerAcceptedRequestAreTheApplicationsOnly() {
        Bursts.Outcome o = new Bursts.Outcome(1000, new Lat("burst"), new Lat("health"), 2.0, accepted(400), 90, Map.of(),
                counts(120, 60, 20, 999), counts(500, 200, 100, 5000), 0);
        assertEquals(0.5, o.commandsPerAccepted()); // (120 + 60 + 20) ÷ 400: the driver's hellos left out
        assertEquals(2.0, o.commandsPerAcceptedWhole());
    }

    @Test
    void withoutAcceptedJobsOrAWaitForThemThereIsNoRate() {
        Bursts.Outcome none = new Bursts.Outcome(10, new Lat("burst"), new Lat("health"), 2.0, List.of(), 30, Map.of(),
                counts(5, 0, 0, 0), counts(9, 0, 0, 0), 0);
        assertTrue(Double.isNaN(none.commandsPerAccepted()));
        assertTrue(Double.isNaN(none.commandsPerAcceptedWhole()));
        Bursts.Outcome notAwaited = new Bursts.Outcome(10, new Lat("burst"), new Lat("health"), 2.0, accepted(4), Double.NaN, Map.of(),
                counts(2, 0, 0, 0), StoreProxy.Counts.NONE, 0);
        assertEquals(0.5, notAwaited.commandsPerAccepted());
        assertTrue(Double.isNaN(notAwaited.commandsPerAcceptedWhole()));
        assertTrue(Double.isNaN(notAwaited.completionsPerMinute()));
    }

    @Test
    void completionsPerMinuteCountOnlySucceededJobs() {
        Bursts.Outcome o = new Bursts.Outcome(100, new Lat("burst"), new Lat("health"), 0.5, accepted(100), 45, Map.of("succeeded", 90,
                "failed", 6, "missing", 4), counts(0, 0, 0, 0), counts(0, 0, 0, 0), 0);
        assertEquals(90, o.succeeded());
        assertEquals(120, o.completionsPerMinute(), 1e-9);
        Bursts.Outcome noneDone = new Bursts.Outcome(100, new Lat("burst"), new Lat("health"), 0.5, accepted(1), 45, Map.of("missing", 1),
                counts(0, 0, 0, 0), counts(0, 0, 0, 0), 0);
        assertEquals(0, noneDone.succeeded());
        assertEquals(0, noneDone.completionsPerMinute());
    }
}
