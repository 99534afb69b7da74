package ai.aiart.generation.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.QueueConfig;


/**
 * Wakes this instance's idle workers: one when a job is queued here (it starts at once), as many
 * as there are queued jobs when the {@link JobBoard} sees them. Wake-ups never pile up beyond the
 * number of workers, so an idle instance does not claim in vain.
 */
@ApplicationScoped
public class QueueSignal {

    private final Semaphore permits = new Semaphore(0);
    private final int workers;

    public QueueSignal(QueueConfig config) {
        this.workers = Math.max(1, config.workers());
    }

    public void jobQueued() {
        wake(1);
    }

    /** Wakes up to {@code jobs} idle workers. */
    public synchronized void wake(long jobs) {
        long target = Math.min(jobs, workers);
        while (permits.availablePermits() < target) {
            permits.release();
        }
    }

    /** Waits for a wake-up, at most {@code timeout}; true when woken. */
    public boolean await(Duration timeout) throws InterruptedException {
        return permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
