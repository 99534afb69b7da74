package ai.aiart.generation.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** Wakes this instance's idle workers when a job is queued here, so it starts at once. */
@ApplicationScoped
public class QueueSignal {

    private final Semaphore permits = new Semaphore(0);

    public void jobQueued() {
        if (permits.availablePermits() < 64) {
            permits.release();
        }
    }

    /** Waits for a job to be queued here, at most {@code timeout}. */
    public void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
