package ai.aiart.generation.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.load.Hibernation;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Scheduled care of the queue: requeues the jobs of dead workers and deletes old results. */
@ApplicationScoped
public class QueueMaintenance {

    private static final int BATCH = 200;

    private final JobRepository jobs;
    private final ResultStore results;
    private final UploadStore uploads;
    private final JobBoard board;
    private final AiartConfig config;
    private final Clock clock;

    public QueueMaintenance(JobRepository jobs, ResultStore results, UploadStore uploads,
            JobBoard board, AiartConfig config, Clock clock) {
        this.jobs = jobs;
        this.results = results;
        this.uploads = uploads;
        this.board = board;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{aiart.queue.reap-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledReap() {
        // the job board already holds every running job and its lease: the store is asked only
        // when one of them has run out, not every few seconds
        if (board.leaseExpiredBefore(Instant.now(clock))) {
            reap();
        }
    }

    @Scheduled(identity = "cleanup", every = "{aiart.cleanup-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledCleanUp() {
        cleanUp();
    }

    /** Puts jobs whose lease ran out back in the queue, or fails them after the last attempt. */
    public int reap() {
        Instant now = Instant.now(clock);
        int reaped = 0;
        for (Job job : jobs.expiredLeases(now, BATCH)) {
            if (jobs.reap(job, config.queue().maxAttempts(), now)) {
                reaped++;
                Log.infof("Job %s: worker %s stopped renewing its lease; %s", job.id, job.leaseOwner,
                        job.attempts >= config.queue().maxAttempts() ? "failed after " + job.attempts + " attempts" : "queued again");
            }
        }
        return reaped;
    }

    /** Deletes finished jobs and their results once they are older than the retention. */
    public int cleanUp() {
        Instant cutoff = Instant.now(clock).minus(config.retention());
        int deleted = 0;
        for (Job job : jobs.finishedBefore(cutoff, BATCH)) {
            jobs.deleteById(job.id);
            if (job.result != null && job.result.fileId != null && !jobs.resultSharedWithOthers(job.result.fileId, job.id)) {
                results.delete(job.result.fileId);
            }
            if (job.params != null && job.params.input != null) {
                uploads.delete(job.params.input.fileId);
            }
            deleted++;
        }
        if (deleted > 0) {
            Log.infof("Retention: deleted %d finished jobs older than %s", deleted, config.retention());
        }
        return deleted;
    }
}
