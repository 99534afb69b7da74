package ai.aiart.generation.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.generation.QueueConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many live-status streams are open on this instance, per visitor and in all
 * (docs/FAIR_USE.md, "Live status"). Each open stream holds a connection and looks at its job
 * twice a second, so one visitor opening thousands would cost the instance what thousands of
 * visitors do. Past {@code aiart.queue.events-per-visitor} a visitor gets 429, past
 * {@code aiart.queue.events-max} everyone gets 503; either way the page polls the job instead.
 */
@ApplicationScoped
public class StreamSlots {

    /** What a refused stream is told to wait before trying a stream again; polling goes on meanwhile. */
    static final long RETRY_SECONDS = 10;

    private final int perVisitor;
    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final MeterRegistry meters;

    public StreamSlots(QueueConfig config, MeterRegistry meters) {
        this.perVisitor = config.eventsPerVisitor();
        this.max = config.eventsMax();
        this.meters = meters;
        meters.gauge("aiart.streams.open", total);
    }

    /** A slot for one stream of {@code visitor}, given back by running the returned action once. */
    public Runnable open(String visitor) {
        if (total.incrementAndGet() > max) {
            total.decrementAndGet();
            meters.counter("aiart.streams.refused", "reason", "instance").increment();
            throw new ProblemException(ErrorType.RESOURCE_LIMIT, "AiArt is following as many creations live as it can. "
                    + "Your page checks on yours every few seconds instead.", RETRY_SECONDS, null, Map.of());
        }
        if (open.merge(visitor, 1, Integer::sum) > perVisitor) {
            release(visitor);
            meters.counter("aiart.streams.refused", "reason", "visitor").increment();
            throw new ProblemException(ErrorType.RATE_LIMITED, "You are following " + perVisitor
                    + " creations live already. The page checks on the others every few seconds instead.",
                    RETRY_SECONDS, null, Map.of());
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release(visitor);
            }
        };
    }

    /** Streams open now: of one visitor (tests). */
    public int openOf(String visitor) {
        return open.getOrDefault(visitor, 0);
    }

    /** Streams open now on this instance. */
    public int openInAll() {
        return total.get();
    }

    private void release(String visitor) {
        total.decrementAndGet();
        open.computeIfPresent(visitor, (k, n) -> n <= 1 ? null : n - 1);
    }
}
