package ai.aiart.ratelimit;

import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.aiart.config.AiartConfig;
import ai.aiart.load.ResourceMonitor;

/**
 * Halves every capacity while the instance is loaded (docs/FAIR_USE.md): on above
 * {@code high-load}, off again only below {@code normal-load}, so the limits do not flap.
 */
@ApplicationScoped
public class LoadAdaptation {

    private final DoubleSupplier load;
    private final double high;
    private final double normal;
    private boolean reduced;

    @Inject
    public LoadAdaptation(ResourceMonitor monitor, AiartConfig config) {
        this(monitor::load, config.rateLimit().highLoad(), config.rateLimit().normalLoad());
    }

    LoadAdaptation(DoubleSupplier load, double high, double normal) {
        this.load = load;
        this.high = high;
        this.normal = normal;
    }

    /** Whether capacities are halved now. */
    public synchronized boolean reduced() {
        double now = load.getAsDouble();
        if (!reduced && now > high) {
            reduced = true;
        } else if (reduced && now < normal) {
            reduced = false;
        }
        return reduced;
    }

    /** The capacity to grant: halved (never below 1) while reduced. */
    public static int adapt(int capacity, boolean reduced) {
        return reduced ? Math.max(1, capacity / 2) : capacity;
    }
}
