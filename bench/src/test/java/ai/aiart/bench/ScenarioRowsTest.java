package ai.aiart.bench;

import static ai.aiart.bench.BurstsTest.accepted;
import static ai.aiart.bench.BurstsTest.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/** How the burst, flood and day outcomes become rows of docs/PERFORMANCE.md, each held against its target. */
class ScenarioRowsTest {

    private static Report.Row row(Report report, String figure) {
        List<Report.Row> rows = report.rows().stream().filter(r -> r.figure().startsWith(figure)).toList();
        assertEquals(1, rows.size(), figure + " in " + report.rows());
        return rows.get(0);
    }

    private static Lat lat(String name, int n, long ms, int status) {
        Lat lat = new Lat(name);
        add(lat, n, ms, status);
        return lat;
    }

    private static void add(Lat lat, int n, long ms, int status) {
        for (int i = 0; i < n; i++) {
            lat.record(ms * 1_000_000, status);
        }
    }

    /** A burst of 1,000: 990 accepted in 100 ms, 8 refused in 5 ms (one without a time to wait), 2 without an answer. */
    private static Bursts.Outcome burst() {
        Lat submit = lat("burst of 1000", 990, 100, 202);
        add(submit, 8, 5, 429);
        submit.failed(10_000_000_000L);
        submit.failed(10_000_000_000L);
        return new Bursts.Outcome(1000, submit, lat("health", 50, 60, 200), 1.5, accepted(990), Double.NaN, Map.of(), counts(396, 0, 0, 40),
                StoreProxy.Counts.NONE, 1);
    }

    @Test
    void theLargestBurstIsHeldToEveryTarget() {
        Report report = new Report();
        Bench.burstRows(report, "Burst of 1000", burst(), true);

        assertEquals(new Report.Row("Burst of 1000", "visitors answered 202 / 429 / 503 (with the time to wait)", "997 of 1000", "≥ 1,000 of 1000",
                "**missed** by 3 of 1000 (−0 %)"), report.rows().get(0));
        assertEquals("**missed** by 2", row(report, "answers that are 5xx or none").verdict().trim());
        assertEquals(new Report.Row("Burst of 1000", "answer p50", "100 ms", "≤ 250 ms", "met"), row(report, "answer p50"));
        // p99 of 1,000 answers is the 990th: still an accepted one, not the two timeouts
        assertEquals("100 ms", row(report, "answer p99").value());
        assertEquals("met", row(report, "answer p99").verdict());
        assertEquals("**missed** by 10 ms (+20 %)", row(report, "/api/v1/health p99").verdict());
        Report.Row commands = row(report, "store commands per accepted generation request, during the burst");
        assertEquals("0.4", commands.value()); // 396 ÷ 990, the driver's monitoring left out
        assertEquals("met", commands.verdict());
        // the whole window was not waited for: no row for it
        assertEquals(0, report.rows().stream().filter(r -> r.figure().contains("whole burst window")).count());
        assertEquals(3, report.missed());
    }

    @Test
    void aSmallerBurstShowsItsLatenciesWithoutTargets() {
        Report report = new Report();
        Bench.burstRows(report, "Burst of 100", burst(), false);
        assertEquals(new Report.Row("Burst of 100", "answer p99", "100 ms", "", ""), row(report, "answer p99"));
        assertEquals("", row(report, "/api/v1/health p99").target());
        assertEquals("", row(report, "store commands per accepted generation request, during the burst").target());
        // answering every visitor is a target at every size
        assertTrue(row(report, "visitors answered").verdict().startsWith("**missed**"));
    }

    @Test
    void aBurstThatWaitedForItsJobsShowsTheWholeWindow() {
        Bursts.Outcome b = burst();
        Bursts.Outcome waited = new Bursts.Outcome(b.visitors(), b.submit(), b.health(), 1.5, accepted(990), 60, Map.of("succeeded", 990),
                b.answering(), counts(1485, 495, 0, 300), 1);
        Report report = new Report();
        Bench.burstRows(report, "Burst of 1000", waited, true);
        assertEquals("2", row(report, "store commands per accepted generation request, whole burst window").value());
    }

    @Test
    void theFloodIsHeldToItsRefusalRateAndTheNormalVisitorMustNotNotice() {
        Lat flood = lat("flood", 30, 2, 429);
        Flood.Outcome met = Flood.outcome(flood, lat("normal", 50, 10, 200), 10,
                new AtomicLongArray(new long[] {200, 12_000, 12_000, 0, 0}), 3);
        Report report = new Report();
        Bench.floodRows(report, "Flood", met, counts(400, 100, 0, 9));
        assertEquals(new Report.Row("Flood", "refusals per second, sustained (after the first second)", "12,000 /s", "≥ 10,000 /s", "met"),
                row(report, "refusals per second"));
        assertEquals("met", row(report, "a normal visitor's p99").verdict());
        assertEquals(new Report.Row("Flood", "a normal visitor's failed requests", "0", "0", "met"), row(report, "a normal visitor's failed"));
        assertEquals("50", row(report, "store commands a second").value()); // 500 in 10 s
        assertEquals(0, report.missed());

        // a refusal is a failure to the normal visitor; so is a 5xx or no answer; "busy" (503) is not
        Lat normal = lat("normal", 50, 60, 200);
        add(normal, 1, 10, 429);
        add(normal, 1, 10, 503);
        add(normal, 1, 10, 500);
        normal.failed(10_000_000);
        Flood.Outcome missed = Flood.outcome(flood, normal, 10, new AtomicLongArray(new long[] {200, 9_000, 9_000, 0, 0}), 3);
        Report bad = new Report();
        Bench.floodRows(bad, "Flood", missed, counts(0, 0, 0, 0));
        assertEquals("**missed** by 1,000 /s (−10 %)", row(bad, "refusals per second").verdict());
        assertEquals("**missed** by 10 ms (+20 %)", row(bad, "a normal visitor's p99").verdict());
        assertEquals("3", row(bad, "a normal visitor's failed").value());
        assertEquals(3, bad.missed());
    }

    @Test
    void aFloodTooShortForASustainedRateIsNotMeasured() {
        Flood.Outcome o = Flood.outcome(lat("flood", 10, 1, 429), lat("normal", 10, 1, 200), 1, new AtomicLongArray(3), 1);
        Report report = new Report();
        Bench.floodRows(report, "Flood", o, counts(0, 0, 0, 0));
        assertEquals("—", row(report, "refusals per second").value());
        assertEquals("not measured", row(report, "refusals per second").verdict());
    }

    @Test
    void theDayCountsErrorsOfEveryKindOfRequestAndItsStoreCommandsByVisitorAndJob() {
        Lat pages = lat("pages", 100, 5, 200);
        pages.failed(10_000_000_000L);
        Lat submits = lat("submits", 99, 120, 202);
        add(submits, 1, 400, 429);
        Lat polls = lat("polls", 100, 8, 200);
        add(polls, 1, 8, 502);
        Lat results = lat("results", 100, 30, 200);
        add(results, 3, 2, 503);
        Day.Outcome o = new Day.Outcome(pages, submits, polls, results, new Lat("to picture"), accepted(600), Map.of("succeeded", 600), 150,
                500, Map.of(), counts(2400, 600, 0, 75));
        Report report = new Report();
        Bench.dayRows(report, "Day", o);
        assertEquals("**missed** by 2", row(report, "answers that are 5xx or none").verdict().trim()); // the io and the 502
        assertEquals(new Report.Row("Day", "generation request p99", "120 ms", "≤ 250 ms", "met"), row(report, "generation request p99"));
        assertEquals("20 / 6 / 5", row(report, "store commands: a second / per visitor / per accepted job").value());

        Day.Outcome noJobs = new Day.Outcome(lat("pages", 1, 5, 200), lat("submits", 1, 300, 429), new Lat("polls"), new Lat("results"),
                new Lat("to picture"), List.of(), Map.of(), 10, 4, Map.of(), counts(30, 0, 0, 0));
        Report none = new Report();
        Bench.dayRows(none, "Day", noJobs);
        assertEquals("3 / 7.5 / 30", row(none, "store commands").value()); // per job: ÷ 1, not ÷ 0
        assertEquals("**missed** by 50 ms (+20 %)", row(none, "generation request p99").verdict());
    }
}
