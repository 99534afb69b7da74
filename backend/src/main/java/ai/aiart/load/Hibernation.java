package ai.aiart.load;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Hibernation (docs/OPERATIONS.md): after {@code aiart.hibernation.idle} without API traffic (platform
 * health probes do not count) and with nothing queued or running, the instance pauses its
 * non-essential scheduled work and its workers look for jobs only rarely. The first real
 * request ends it at once: the state is worked out on every question, not on a schedule.
 */
@ApplicationScoped
public class Hibernation {

    private final RequestTracker requests;
    private final QueueStats queue;
    private final HibernationConfig config;
    private final Clock clock;
    private volatile boolean wasHibernating;

    public Hibernation(RequestTracker requests, QueueStats queue, HibernationConfig config, Clock clock, MeterRegistry meters) {
        this.requests = requests;
        this.queue = queue;
        this.config = config;
        this.clock = clock;
        Gauge.builder("aiart.hibernating", this, h -> h.hibernating() ? 1 : 0)
                .description("1 while the instance hibernates").register(meters);
    }

    /** Whether the instance hibernates now. */
    public boolean hibernating() {
        return config.enabled()
                && clock.millis() - requests.lastApiRequest() > config.idle().toMillis()
                && queue.queued() == 0 && queue.running() == 0;
    }

    /** How long idle workers wait between looks at the queue. */
    public Duration workerPoll(Duration awake) {
        return hibernating() ? config.pollEvery() : awake;
    }

    /** Logs the changes of state, so an operator can see them in the log. */
    @Scheduled(every = "10s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void logTransitions() {
        boolean now = hibernating();
        if (now != wasHibernating) {
            Log.infof(now ? "Hibernating: no API traffic for %s and an empty queue; pausing non-essential work"
                    : "Awake again", config.idle());
            wasHibernating = now;
        }
    }

    /** Skips a scheduled task while the instance hibernates. */
    @Singleton
    public static class WhileHibernating implements Scheduled.SkipPredicate {

        @Inject
        Hibernation hibernation;
        @Inject
        MeterRegistry meters;

        @Override
        public boolean test(ScheduledExecution execution) {
            boolean skip = hibernation.hibernating();
            meters.counter("aiart.scheduled.runs", "task", execution.getTrigger().getId(),
                    "outcome", skip ? "skipped" : "run").increment();
            return skip;
        }
    }
}
