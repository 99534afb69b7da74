package ai.aiart.bench;

import static ai.aiart.bench.ApiTest.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The compressed day's schedule, its mix of kinds, and a visitor's answer to a refusal. */
class DayTest {

    private static final Duration WINDOW = Duration.ofMinutes(3);

    @Test
    void theVisitorsAreSpreadOverTheWholeWindowTheSameEveryRun() {
        List<Day.Visit> plan = Day.plan(500, WINDOW);
        assertEquals(plan, Day.plan(500, WINDOW));
        assertEquals(500, plan.size());
        int[] tenths = new int[10];
        for (Day.Visit v : plan) {
            assertTrue(v.arriveAfterNanos() >= 0 && v.arriveAfterNanos() < WINDOW.toNanos(), v.toString());
            tenths[(int) (v.arriveAfterNanos() * 10 / WINDOW.toNanos())]++;
        }
        // 50 expected in each tenth of the window; the seeded draw is fixed, the bounds say "spread", not "exactly uniform"
        for (int n : tenths) {
            assertTrue(n >= 30 && n <= 70, java.util.Arrays.toString(tenths));
        }
        assertEquals(500, plan.stream().map(Day.Visit::seed).distinct().count());
    }

    @Test
    void aLongerWindowSpreadsTheSameVisitorsFurther() {
        List<Day.Visit> day = Day.plan(200, WINDOW);
        List<Day.Visit> twice = Day.plan(200, WINDOW.multipliedBy(2));
        for (int i = 0; i < day.size(); i++) {
            assertEquals(2.0 * day.get(i).arriveAfterNanos(), twice.get(i).arriveAfterNanos(), 2, "visitor " + i);
            assertEquals(day.get(i).pictures(), twice.get(i).pictures());
        }
    }

    @Test
    void threeInTenMakeASecondPictureAndOneInTenBeginsWithAVideo() {
        List<Day.Visit> plan = Day.plan(500, WINDOW);
        long two = plan.stream().filter(v -> v.pictures() == 2).count();
        long videos = plan.stream().filter(Day.Visit::video).count();
        assertTrue(plan.stream().allMatch(v -> v.pictures() == 1 || v.pictures() == 2));
        assertTrue(two >= 125 && two <= 175, two + " of 500 make two");
        assertTrue(videos >= 30 && videos <= 70, videos + " of 500 begin with a video");
    }

    @Test
    void theMixCountsEveryRequestOfThePlanByKind() {
        List<Day.Visit> plan = Day.plan(500, WINDOW);
        Day.Mix mix = Day.mix(500, WINDOW);
        assertEquals(plan.stream().mapToInt(Day.Visit::pictures).sum(), mix.pictures() + mix.videos());
        assertEquals(plan.stream().filter(Day.Visit::video).count(), mix.videos());
        assertEquals(new Day.Mix(0, 0), Day.mix(0, WINDOW));
    }

    @Test
    void aRefusedVisitorWaitsOutAShortCountdownAndLeavesALongOne() {
        assertEquals(20, Day.retryIn(answer(429, Map.of("retry-after", "50"), "{\"error\":\"rate_limited\",\"retry_after\":20}")));
        assertEquals(5, Day.retryIn(answer(503, Map.of("retry-after", "5"), "{\"error\":\"busy\"}")));
        assertEquals(10, Day.retryIn(answer(429, Map.of(), "{\"error\":\"rate_limited\"}"))); // no time given: the page's 10 s
        assertEquals(60, Day.retryIn(answer(429, Map.of(), "{\"retry_after\":60}")));
        assertEquals(-1, Day.retryIn(answer(429, Map.of(), "{\"retry_after\":61}")));
        assertEquals(0, Day.retryIn(answer(503, Map.of("retry-after", "0"), "")));
        // not refused: no second try
        assertEquals(-1, Day.retryIn(answer(202, Map.of("retry-after", "5"), "{\"id\":\"j\"}")));
        assertEquals(-1, Day.retryIn(answer(500, Map.of("retry-after", "5"), "{}")));
        assertEquals(-1, Day.retryIn(null));
    }
}
