package ai.aiart.generation.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.repository.JobRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * The queue length and store reachability as last seen, refreshed on a schedule, so that
 * health answers never wait on the store.
 */
@ApplicationScoped
public class QueueStats {

    private final JobRepository jobs;
    private volatile long queued;
    private volatile long running;
    private volatile boolean storeReachable = true;

    public QueueStats(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Scheduled(every = "{aiart.queue.stats-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        try {
            queued = jobs.countQueued();
            running = jobs.countRunning();
            storeReachable = true;
        } catch (RuntimeException e) {
            storeReachable = false;
        }
    }

    public long queued() {
        return queued;
    }

    public long running() {
        return running;
    }

    public boolean storeReachable() {
        return storeReachable;
    }
}
