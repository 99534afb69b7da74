package ai.aiart.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The load the limiter reads: the largest of CPU, heap, resident memory and queue fill, smoothed.
 * The machine's readings are scripted here (the operating system's edge); the queue is a count the
 * test sets, against the queue's maximum.
 */
class ResourceMonitorTest {

    private final AtomicReference<Host.Usage> machine = new AtomicReference<>(new Host.Usage(0, 0, 0));
    private final AtomicLong queued = new AtomicLong();
    private SimpleMeterRegistry meters;

    /** A new monitor, with its own meters (a registry keeps the first gauge of a name). */
    private ResourceMonitor monitor(int queueMax) {
        meters = new SimpleMeterRegistry();
        return new ResourceMonitor(machine::get, queued::get, queueMax, new RequestTracker(Clock.systemUTC()), meters);
    }

    private static void sample(ResourceMonitor monitor, int times) {
        for (int i = 0; i < times; i++) {
            monitor.sample();
        }
    }

    @Test
    void theLoadMovesAThirdOfTheWayTowardsEachSample() {
        ResourceMonitor monitor = monitor(500);
        assertEquals(0, monitor.load());
        machine.set(new Host.Usage(1.0, 0, 0));
        double[] expected = {0.3, 0.51, 0.657, 0.7599, 0.83193};
        for (double load : expected) {
            monitor.sample();
            assertEquals(load, monitor.load(), 1e-9);
            assertEquals(1.0, monitor.cpu(), "the parts are the last sample's, unsmoothed");
        }
        // one busy sample after a quiet spell moves the load by 0.3 of the jump, not to the top
        machine.set(new Host.Usage(0.1, 0, 0));
        sample(monitor, 40);
        assertEquals(0.1, monitor.load(), 1e-6);
        machine.set(new Host.Usage(1.0, 0, 0));
        monitor.sample();
        assertEquals(0.37, monitor.load(), 1e-6);
        machine.set(new Host.Usage(0.1, 0, 0));
        monitor.sample();
        assertEquals(0.289, monitor.load(), 1e-6);
    }

    @Test
    void theLoadIsTheLargestPartNotTheirSumNorTheirMean() {
        ResourceMonitor monitor = monitor(10);
        machine.set(new Host.Usage(0.2, 0.4, 0.5));
        queued.set(1);
        sample(monitor, 60);
        assertEquals(0.5, monitor.load(), 1e-6, "resident memory, the largest of 0.2, 0.4, 0.5 and 0.1");
        assertEquals(0.2, monitor.cpu(), 1e-12);
        assertEquals(0.5, monitor.memory(), 1e-12, "the larger of heap and resident memory");

        for (Host.Usage alone : new Host.Usage[] {new Host.Usage(0.6, 0, 0), new Host.Usage(0, 0.6, 0), new Host.Usage(0, 0, 0.6)}) {
            machine.set(alone);
            queued.set(0);
            ResourceMonitor fresh = monitor(10);
            fresh.sample();
            assertEquals(0.18, fresh.load(), 1e-9, "each part alone raises the load: " + alone);
        }
        machine.set(new Host.Usage(0, 0.7, 0));
        ResourceMonitor heapy = monitor(10);
        sample(heapy, 60);
        assertEquals(0.7, heapy.memory(), 1e-12, "heap counts as memory when it is the larger");
    }

    @Test
    void queueFillIsTheJobsWaitingAgainstTheQueuesMaximumAtMostOne() {
        long[] waiting = {0, 1, 3, 4, 9};
        double[] fill = {0, 0.25, 0.75, 1.0, 1.0};
        for (int i = 0; i < waiting.length; i++) {
            queued.set(waiting[i]);
            ResourceMonitor monitor = monitor(4);
            sample(monitor, 60);
            assertEquals(fill[i], monitor.load(), 1e-6, waiting[i] + " of 4 waiting");
            assertEquals(0, monitor.cpu());
            assertEquals(0, monitor.memory());
        }
        queued.set(1);
        ResourceMonitor noMaximum = monitor(0);
        noMaximum.sample();
        assertEquals(0.3, noMaximum.load(), 1e-9, "a maximum of 0 counts as 1, not a division by zero");
    }

    @Test
    void theGaugesShowTheSameFigures() {
        ResourceMonitor monitor = monitor(8);
        machine.set(new Host.Usage(0.25, 0.125, 0.375));
        queued.set(2);
        monitor.sample();
        assertEquals(0.3 * 0.375, meters.get("aiart.load").gauge().value(), 1e-9);
        assertEquals(0.25, meters.get("aiart.cpu").gauge().value(), 1e-12);
        assertEquals(0.375, meters.get("aiart.memory").gauge().value(), 1e-12);
        assertEquals(2, meters.get("aiart.queue.length").gauge().value());
        assertEquals(0, meters.get("aiart.requests.active").gauge().value());
    }
}
