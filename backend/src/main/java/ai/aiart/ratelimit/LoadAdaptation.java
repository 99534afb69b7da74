package ai.aiart.ratelimit;

import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.aiart.load.ResourceMonitor;

/**
 * Halves every capacity while the instance is loaded (docs/FAIR_USE.md): on above
 * {@code high-load}, off again only below {@code normal-load}, so the limits do not flap. Above
 * {@code high-load} a refusal's retry hint also backs off exponentially with the load
 * ({@link #backoff()}).
 */
@ApplicationScoped
public class LoadAdaptation {

    private final DoubleSupplier load;
    private final double high;
    private final double normal;
    private final double backoffStep;
    private boolean reduced;

    /** At most 2^4 = 16 times the hint; the hint's own cap ({@code max-retry-after}) still holds. */
    static final int MAX_DOUBLINGS = 4;

    @Inject
    public LoadAdaptation(ResourceMonitor monitor, RateLimitConfig config) {
        this(monitor::load, config.highLoad(), config.normalLoad(), config.loadBackoffStep());
    }

    LoadAdaptation(DoubleSupplier load, double high, double normal) {
        this(load, high, normal, 0.05);
    }

    LoadAdaptation(DoubleSupplier load, double high, double normal, double backoffStep) {
        if (!(backoffStep > 0)) {
            throw new IllegalArgumentException("aiart.rate-limit.load-backoff-step must be above 0, not " + backoffStep);
        }
        this.load = load;
        this.high = high;
        this.normal = normal;
        this.backoffStep = backoffStep;
    }

    /**
     * What a refusal's retry hint is multiplied by now: 1 up to {@code high-load}, then doubled for
     * each {@code load-backoff-step} (or part of one) above it — with the defaults ×2 up to 85 %, ×4
     * up to 90 %, ×8 up to 95 %, ×16 above — so visitors come back later while the instance is loaded.
     */
    public int backoff() {
        return backoff(load.getAsDouble(), high, backoffStep);
    }

    static int backoff(double load, double high, double step) {
        if (!(load > high)) {
            return 1;
        }
        long doublings = (long) Math.ceil((load - high) / step - 1e-9);
        return 1 << (int) Math.max(1, Math.min(MAX_DOUBLINGS, doublings));
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
