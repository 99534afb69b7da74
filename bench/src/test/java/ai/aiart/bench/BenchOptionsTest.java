package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void storeOpsTakesACountAndTheNewScenariosAreKnown() {
        assertEquals(Map.of("store-ops", "100", "only", "store,offline"), Bench.parse(new String[] {"--store-ops", "100", "--only", "store,offline"}));
        assertNull(Bench.parse(new String[] {"--store-ops", "fast"}));
        assertNull(Bench.parse(new String[] {"--store-ops", "-5"}));
        assertNull(Bench.parse(new String[] {"--store-ops"}));
        assertNull(Bench.parse(new String[] {"--only", "store,atlas"}));
    }

    @Test
    void byDefaultTheStoreBudgetRunsOnThePlainStoreThenAtAFreeClustersRate() {
        Settings full = Settings.full(0);
        assertEquals(List.of(0, 100), full.storePasses());
        assertEquals(List.of(0), full.withStoreOps(0).storePasses());
        assertEquals(List.of(50), full.withStoreOps(50).storePasses());
        // awake and idle must be measured before the backends may hibernate
        for (Settings s : List.of(full, Settings.quick(0))) {
            assertEquals(true, s.budget().idle().plusSeconds(8).compareTo(s.budget().hibernationIdle()) < 0, s.toString());
        }
    }

    @Test
    void theDaysMixIsItsPlanCountedByKind() {
        List<Day.Visit> plan = Day.plan(500, Duration.ofMinutes(3));
        Day.Mix mix = Day.mix(500, Duration.ofMinutes(3));
        assertEquals(plan.stream().mapToInt(Day.Visit::pictures).sum(), mix.pictures() + mix.videos());
        assertEquals(plan.stream().filter(Day.Visit::video).count(), mix.videos());
        assertEquals(plan, Day.plan(500, Duration.ofMinutes(3))); // the same day every run
    }
}
