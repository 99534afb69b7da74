package ai.aiart.generation.service;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Updates;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.load.Hibernation;
import ai.aiart.store.StartupStoreWork;
import ai.aiart.store.StoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the stored bytes within budget, so the store never fills up (a full Atlas cluster
 * refuses every write, and then every visitor's job fails).
 *
 * <p>On a schedule ({@code aiart.store.budget-every}) it sums the bytes of results and of uploads,
 * one aggregate each. Past {@code aiart.store.results-budget} it removes the oldest results first
 * until the total is under {@link #LOW_WATER} of the budget, in batches of {@link #BATCH}: the
 * jobs that showed them become {@code expired} (one update), then their chunks and files go (one
 * delete each). The uploads figure, plus what this instance stored since, is what
 * {@link UploadQuota} holds against {@code aiart.store.uploads-budget}.
 */
@ApplicationScoped
public class BytesBudget {

    /** What {@code GET /jobs/{id}/result} of an {@code expired} job says. */
    public static final String REMOVED = "This result was removed to make room for newer creations "
            + "(the oldest go first when the store is full). The job still has its prompt and settings, so it can be made again.";

    /** Removal stops once the results are under this share of their budget, so it does not run every minute. */
    static final double LOW_WATER = 0.95;
    /** Results removed per round of commands (one job update, one chunk delete, one file delete). */
    static final int BATCH = 100;

    private final ResultStore results;
    private final UploadStore uploads;
    private final JobRepository jobs;
    private final StoreConfig config;
    private final Clock clock;
    private final JobBoard board;
    private final Counter expiredJobs;
    private final Counter removedResults;
    private volatile long resultBytes = -1;
    private volatile long uploadBytes;

    public BytesBudget(ResultStore results, UploadStore uploads, JobRepository jobs, StoreConfig config, Clock clock,
            MeterRegistry meters, JobBoard board) {
        this.board = board;
        this.results = results;
        this.uploads = uploads;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
        this.expiredJobs = Counter.builder("aiart.store.results.expired.jobs")
                .description("Jobs whose result was removed to keep within the results budget").register(meters);
        this.removedResults = Counter.builder("aiart.store.results.removed")
                .description("Results removed to keep within the results budget").register(meters);
        Gauge.builder("aiart.store.results.bytes", this, b -> Math.max(0, b.resultBytes))
                .description("Bytes of stored results at the last budget check").baseUnit("bytes").register(meters);
        Gauge.builder("aiart.store.uploads.bytes", this, BytesBudget::uploadBytes)
                .description("Bytes of stored uploads: the last budget check plus this instance's uploads since")
                .baseUnit("bytes").register(meters);
    }

    /** The indexes the budget and the upload count use, before the first request. */
    void indexes(@Observes @Priority(7) StartupEvent event, StartupStoreWork work) {
        work.run("the indexes of results and uploads", true, () -> {
            results.ensureIndexes();
            uploads.ensureIndexes();
        });
    }

    @Scheduled(identity = "store-budget", every = "{aiart.store.budget-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            Log.warnf("Store budget check failed (%s); trying again at the next one", e.toString());
        }
    }

    /** Sums results and uploads, and removes the oldest results while past the budget; returns the results removed. */
    public int check() {
        uploadBytes = uploads.totalBytesAndRestart();
        long total = results.totalBytes();
        resultBytes = total;
        long budget = config.resultsBudget().asLongValue();
        if (total <= budget) {
            return 0;
        }
        long target = (long) (budget * LOW_WATER);
        int removed = 0;
        long freed = 0;
        List<String> batch = new ArrayList<>(BATCH);
        try (MongoCursor<Document> oldest = results.oldestFirst(BATCH)) {
            while (total - freed > target && oldest.hasNext()) {
                Document file = oldest.next();
                batch.add(String.valueOf(file.get("_id")));
                Object length = file.get("length");
                freed += length instanceof Number n ? n.longValue() : 0;
                if (batch.size() == BATCH) {
                    removed += remove(batch);
                    batch.clear();
                }
            }
        }
        removed += remove(batch);
        resultBytes = total - freed;
        Log.infof("Results budget: %d MB stored of %d MB; removed the %d oldest results (%d MB); their jobs are expired",
                total >> 20, budget >> 20, removed, freed >> 20);
        return removed;
    }

    /**
     * Removes results: first every job showing one of them (a reused, {@code cached} job shows
     * the same file as the job that made it) says {@code expired}, so none offers a file about to
     * go; then the files go.
     */
    private int remove(List<String> fileIds) {
        if (fileIds.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        long expired = jobs.mongoCollection().updateMany(
                and(in("result.file_id", fileIds), eq(Job.F_STATUS, JobStatus.SUCCEEDED.wire())),
                expire(now)).getModifiedCount();
        results.deleteAll(fileIds);
        expiredJobs.increment(expired);
        removedResults.increment(fileIds.size());
        return fileIds.size();
    }

    /** The update that makes a succeeded job {@code expired}: the result is gone, the rest of the job stays. */
    static org.bson.conversions.Bson expire(Instant now) {
        return Updates.combine(
                Updates.set(Job.F_STATUS, JobStatus.EXPIRED.wire()),
                Updates.set(Job.F_EXPIRED_AT, now),
                Updates.set(Job.F_UPDATED_AT, now),
                Updates.unset("result"));
    }

    /**
     * A succeeded job whose result file is gone (removed by the budget just as a reused job was
     * made from it): it is {@code expired} from now on. Returns whether this call changed it.
     */
    public boolean expireWithoutResult(Job job) {
        Instant now = Instant.now(clock);
        boolean changed = jobs.mongoCollection().updateOne(
                and(eq("_id", job.id), eq(Job.F_STATUS, JobStatus.SUCCEEDED.wire())), expire(now)).getModifiedCount() == 1;
        if (changed) {
            expiredJobs.increment();
            board.changed(job.id);
        }
        return changed;
    }

    /** Bytes of stored uploads: the last check's sum plus what this instance stored since. */
    public long uploadBytes() {
        return uploadBytes + uploads.savedSinceTotal();
    }

    /** Bytes of stored results at the last check; -1 before the first. */
    public long resultBytes() {
        return resultBytes;
    }
}
