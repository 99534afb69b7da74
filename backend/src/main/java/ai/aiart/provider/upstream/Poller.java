package ai.aiart.provider.upstream;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import ai.aiart.core.JobKind;
import io.quarkus.logging.Log;

/**
 * Waits for an upstream task (DashScope task, Veo operation) by looking at it every
 * {@code interval}, reporting an estimated progress meanwhile. A few passing errors while
 * polling are tolerated: the task goes on upstream, and starting it again would cost twice.
 */
public final class Poller {

    /** Consecutive passing polling errors tolerated before giving up on the task. */
    static final int MAX_POLL_ERRORS = 5;

    private Poller() {
    }

    /** One look at the task: the result when done, empty while it runs; throws when it failed. */
    @FunctionalInterface
    public interface Poll<T> {
        Optional<T> check();
    }

    public static <T> T await(JobKind kind, Poll<T> poll, Duration interval, Duration maxTime, DoubleConsumer progress) {
        long start = System.nanoTime();
        long budget = maxTime.toNanos();
        int errors = 0;
        progress.accept(estimate(0, budget));
        while (true) {
            try {
                Optional<T> done = poll.check();
                if (done.isPresent()) {
                    return done.get();
                }
                errors = 0;
            } catch (UpstreamException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw Failures.interrupted();
                }
                if (++errors >= MAX_POLL_ERRORS) {
                    Log.warnf("Giving up on an upstream %s task after %d polling errors (%s)", Failures.service(kind), errors,
                            e.getMessage());
                    throw Failures.failed(kind); // not retried: the task would be made (and paid) twice
                }
            }
            long elapsed = System.nanoTime() - start;
            if (elapsed >= budget) {
                throw Failures.tooSlow(kind);
            }
            progress.accept(estimate(elapsed, budget));
            sleep(Math.min(interval.toNanos(), budget - elapsed));
        }
    }

    /** A guess that starts at 5 % once the task is accepted, rises quickly, and never reaches the end before the task. */
    static double estimate(long elapsed, long budget) {
        return 0.05 + 0.85 * (1 - Math.exp(-6.0 * elapsed / budget));
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            throw Failures.interrupted();
        }
    }
}
