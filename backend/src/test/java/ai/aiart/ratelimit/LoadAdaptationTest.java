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
    void halvedCapacitiesNeverDropBelowOne() {
        assertEquals(1, LoadAdaptation.adapt(3, true));
        assertEquals(2, LoadAdaptation.adapt(5, true));
        assertEquals(5, LoadAdaptation.adapt(10, true));
        assertEquals(1, LoadAdaptation.adapt(1, true));
        assertEquals(10, LoadAdaptation.adapt(10, false));
    }
}
