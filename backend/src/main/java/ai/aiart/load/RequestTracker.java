package ai.aiart.load;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Counts requests in flight, keeps a moving mean of API response times, and remembers
 * when the last API request (not a platform health probe) arrived.
 */
@ApplicationScoped
public class RequestTracker {

    private static final double ALPHA = 0.1;

    private final Clock clock;
    private final AtomicInteger active = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong apiAnswers = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong apiErrors = new java.util.concurrent.atomic.AtomicLong();
    private volatile double meanMillis;
    private volatile long lastApiRequest;

    public RequestTracker(Clock clock) {
        this.clock = clock;
        this.lastApiRequest = clock.millis();
    }

    void install(@Observes Router router) {
        router.route().order(-10).handler(ctx -> {
            String path = ctx.normalizedPath();
            boolean api = path.startsWith("/api/") && !path.equals("/api/v1/health");
            long start = System.nanoTime();
            active.incrementAndGet();
            if (api) {
                lastApiRequest = clock.millis();
            }
            ctx.addEndHandler(done -> {
                active.decrementAndGet();
                if (api && !path.endsWith("/events")) {
                    record((System.nanoTime() - start) / 1_000_000.0);
                    apiAnswers.incrementAndGet();
                    if (ctx.response().getStatusCode() >= 500) {
                        apiErrors.incrementAndGet();
                    }
                }
            });
            ctx.next();
        });
    }

    private synchronized void record(double millis) {
        meanMillis = meanMillis == 0 ? millis : meanMillis + ALPHA * (millis - meanMillis);
    }

    /**
     * Share of API answers that were 5xx since the last call, and resets the count; 0 when
     * there were none.
     */
    public synchronized double takeErrorRate() {
        long answers = apiAnswers.getAndSet(0);
        long errors = apiErrors.getAndSet(0);
        return answers == 0 ? 0 : (double) errors / answers;
    }

    public int active() {
        return active.get();
    }

    public double meanResponseMillis() {
        return meanMillis;
    }

    /** Epoch milliseconds of the last API request (health probes do not count). */
    public long lastApiRequest() {
        return lastApiRequest;
    }
}
