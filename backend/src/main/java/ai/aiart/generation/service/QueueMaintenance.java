package ai.aiart.generation.service;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.QueueConfig;
import ai.aiart.generation.RetentionConfig;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.load.Hibernation;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Scheduled care of the queue: requeues the jobs of dead workers, deletes old jobs and results,
 * and sweeps uploads nothing will read again.
 */
@ApplicationScoped
public class QueueMaintenance {

    private static final int BATCH = 200;
    /** Uploads younger than this are left alone: the job of a request being accepted is stored just after its upload. */
    static final Duration UPLOAD_GRACE = Duration.ofMinutes(10);

    private final JobRepository jobs;
    private final ResultStore results;
    private final UploadStore uploads;
    private final JobBoard board;
    private final QueueConfig config;
    private final RetentionConfig retention;
    private final Clock clock;

    public QueueMaintenance(JobRepository jobs, ResultStore results, UploadStore uploads,
            JobBoard board, QueueConfig config, RetentionConfig retention, Clock clock) {
        this.jobs = jobs;
        this.results = results;
        this.uploads = uploads;
        this.board = board;
        this.config = config;
        this.retention = retention;
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

    @Scheduled(identity = "cleanup", every = "{aiart.cleanup-every}", delayed = "{aiart.cleanup-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledCleanUp() {
        cleanUp();
    }

    /** Puts jobs whose lease ran out back in the queue, or fails them after the last attempt. */
    public int reap() {
        Instant now = Instant.now(clock);
        int reaped = 0;
        for (Job job : jobs.expiredLeases(now, BATCH)) {
            if (jobs.reap(job, config.maxAttempts(), now)) {
                reaped++;
                if (job.attempts >= config.maxAttempts()) {
                    uploads.deleteFor(job); // failed for good; a requeued job still needs its upload
                }
                Log.infof("Job %s: worker %s stopped renewing its lease; %s", job.id, job.leaseOwner,
                        job.attempts >= config.maxAttempts() ? "failed after " + job.attempts + " attempts" : "queued again");
            }
        }
        return reaped;
    }

    /**
     * Deletes finished jobs and their results once they are older than the retention, and sweeps
     * uploads whose job has ended or no longer exists (an instance that stopped between recording
     * the end of a job and deleting its upload).
     */
    public int cleanUp() {
        Instant cutoff = Instant.now(clock).minus(retention.retention());
        int deleted = 0;
        for (Job job : jobs.finishedBefore(cutoff, BATCH)) {
            jobs.deleteById(job.id);
            // every file an attempt stored (a job that ended without its worker, canceled or failed
            // by the reaper, may have left one no job names), and the result unless a newer reused
            // job still shows it: one deletion of two commands
            Set<String> files = new HashSet<>(job.attemptFileIds());
            if (job.result != null && job.result.fileId != null) {
                files.remove(job.result.fileId);
                if (!jobs.resultSharedWithOthers(job.result.fileId, job.id)) {
                    files.add(job.result.fileId);
                }
            }
            results.deleteAll(files);
            uploads.deleteFor(job);
            deleted++;
        }
        int swept = sweepUploads();
        if (deleted > 0) {
            Log.infof("Retention: deleted %d finished jobs older than %s", deleted, retention.retention());
        }
        if (swept > 0) {
            Log.infof("Clean-up: deleted %d uploads whose job had ended or was gone", swept);
        }
        return deleted;
    }

    /**
     * Deletes the uploads, older than {@link #UPLOAD_GRACE}, whose job is neither queued nor
     * running. The grace covers the moment between storing an upload and storing its job. Per
     * batch of {@link #BATCH} uploads: one query for their jobs, one delete each for chunks and
     * files.
     */
    int sweepUploads() {
        int swept = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        try (MongoCursor<Document> stored = uploads.storedBefore(Instant.now(clock).minus(UPLOAD_GRACE), BATCH)) {
            while (stored.hasNext()) {
                batch.add(stored.next());
                if (batch.size() == BATCH || !stored.hasNext()) {
                    swept += sweep(batch);
                    batch.clear();
                }
            }
        }
        return swept;
    }

    private int sweep(List<Document> batch) {
        Map<String, String> jobOf = new HashMap<>();
        for (Document upload : batch) {
            jobOf.put(String.valueOf(upload.get("_id")), UploadStore.jobIdOf(upload));
        }
        Set<String> waiting = new HashSet<>();
        jobs.mongoCollection().find(and(in("_id", jobOf.values()),
                        in(Job.F_STATUS, JobStatus.QUEUED.wire(), JobStatus.RUNNING.wire())))
                .projection(Projections.include("_id")).map(job -> job.id).into(waiting);
        List<String> unused = jobOf.entrySet().stream().filter(e -> !waiting.contains(e.getValue())).map(Map.Entry::getKey).toList();
        uploads.deleteAll(unused);
        return unused.size();
    }
}
