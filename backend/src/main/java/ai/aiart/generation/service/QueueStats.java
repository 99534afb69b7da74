package ai.aiart.generation.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.generation.repository.JobRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The queue length and store reachability as last seen, refreshed on a schedule, so that
 * health answers never wait on the store. Until a refresh has succeeded the store counts as
 * unreachable: a backend that starts while its store is away says so from its first answer.
 */
@ApplicationScoped
public class QueueStats {

    private final JobRepository jobs;
    private volatile long queued;
    private volatile long running;
    private volatile boolean storeReachable;

    public QueueStats(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The first figures, before the first request (after the indexes, which already waited for the store). */
    void first(@Observes @Priority(20) StartupEvent event) {
        refresh();
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
