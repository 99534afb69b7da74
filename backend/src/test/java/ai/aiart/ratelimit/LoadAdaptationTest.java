package ai.aiart.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class LoadAdaptationTest {

    @Test
    void capacitiesHalveAbove08AndReturnOnlyBelow07() {
        AtomicReference<Double> load = new AtomicReference<>(0.5);
        LoadAdaptation adaptation = new LoadAdaptation(load::get, 0.8, 0.7);
        assertFalse(adaptation.reduced());
        load.set(0.81);
        assertTrue(adaptation.reduced());
        load.set(0.75);
        assertTrue(adaptation.reduced(), "between the thresholds the state holds (hysteresis)");
        load.set(0.69);
        assertFalse(adaptation.reduced());
        load.set(0.79);
        assertFalse(adaptation.reduced(), "and holds on the way up too");
    }

    @Test
    void aboveTheHighMarkTheRetryHintBacksOffExponentially() {
        double[] loads = {0.0, 0.5, 0.8, 0.81, 0.85, 0.86, 0.9, 0.93, 0.95, 0.96, 1.0, 1.7};
        int[] factors = {1, 1, 1, 2, 2, 4, 4, 8, 8, 16, 16, 16};
        for (int i = 0; i < loads.length; i++) {
            assertEquals(factors[i], LoadAdaptation.backoff(loads[i], 0.8, 0.05), "load " + loads[i]);
        }
        AtomicReference<Double> load = new AtomicReference<>(0.9);
        LoadAdaptation adaptation = new LoadAdaptation(load::get, 0.8, 0.7, 0.1);
        assertEquals(2, adaptation.backoff(), "a wider step backs off more slowly");
        load.set(0.5);
        assertEquals(1, adaptation.backoff(), "no hysteresis: the factor follows the load");
    }

    @Test
    void halvedCapacitiesNeverDropBelowOne() {
        assertEquals(1, LoadAdaptation.adapt(3, true));
        assertEquals(2, LoadAdaptation.adapt(5, true));
        assertEquals(5, LoadAdaptation.adapt(10, true));
        assertEquals(1, LoadAdaptation.adapt(1, true));
        assertEquals(10, LoadAdaptation.adapt(10, false));
    }
}
