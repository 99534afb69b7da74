package ai.aiart.load;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A machine whose readings the test sets, in place of {@link SystemHost} for the profiles that
 * enable it ({@code getEnabledAlternatives}): the load the limiter sees is then what the test
 * scripts plus the real queue fill, smoothed by the real {@link ResourceMonitor}, however busy the
 * test machine is. It starts idle.
 */
@Alternative
@ApplicationScoped
public class ScriptedHost implements Host {

    private volatile Usage usage = new Usage(0, 0, 0);

    /** What the machine reads from now on. */
    public void set(double cpu, double heap, double rss) {
        usage = new Usage(cpu, heap, rss);
    }

    /** Idle again. */
    public void reset() {
        set(0, 0, 0);
    }

    /**
     * Has the monitor take {@code times} samples now, as its schedule would one every
     * {@code aiart.load.sample-every}: a test need not wait for the clock (the scheduler checks its
     * triggers once a second, so shorter periods do not help).
     */
    public static void sample(ResourceMonitor monitor, int times) {
        for (int i = 0; i < times; i++) {
            monitor.sample();
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
