package ai.aiart.generation.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.privacy.PersonalData;
import ai.aiart.store.CollectionIndexes;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/**
 * The durable queue (docs/GENERATION.md). Every state change is one atomic single-document operation
 * whose filter states what the caller believes, so two instances never both win.
 */
@ApplicationScoped
public class JobRepository implements PanacheMongoRepositoryBase<Job, String> {

    @jakarta.inject.Inject
    PersonalData personalData;

    private static final String QUEUED = JobStatus.QUEUED.wire();
    private static final String RUNNING = JobStatus.RUNNING.wire();

    /** Serving order: priority, then age, then id. */
    public static final Bson SERVING_ORDER = Sorts.ascending(Job.F_PRIORITY, Job.F_CREATED_AT, "_id");

    /** Creates the indexes every query of the queue uses that are not there yet. Idempotent. */
    public void ensureIndexes() {
        CollectionIndexes.ensure(mongoCollection(), List.of(
                new IndexModel(Indexes.ascending(Job.F_STATUS, Job.F_PRIORITY, Job.F_CREATED_AT, "_id"),
                        new IndexOptions().name("queue_order")),
                new IndexModel(Indexes.ascending(Job.F_STATUS, Job.F_LEASE_UNTIL), new IndexOptions().name("leases")),
                new IndexModel(Indexes.ascending(Job.F_STATUS, Job.F_COMPLETED_AT), new IndexOptions().name("retention")),
                new IndexModel(Indexes.ascending("fingerprint"), new IndexOptions().name("fingerprint").sparse(true)),
                new IndexModel(Indexes.ascending("result.file_id"), new IndexOptions().name("result_file").sparse(true)),
                new IndexModel(Indexes.ascending("owner", Job.F_CREATED_AT), new IndexOptions().name("owner_history")),
                new IndexModel(Indexes.ascending(Job.F_IDEM), new IndexOptions().name("idempotency_key").unique(true).sparse(true))));
    }

    /** What status answers need of a job: everything but the request's own fields (prompt, owner, keys). */
    public static final Bson STATUS_FIELDS = com.mongodb.client.model.Projections.exclude(
            "params", "owner", "fingerprint", Job.F_IDEM, "idem_fp");

    /**
     * Every queued and running job, with the fields status answers need, in one command (the
     * queue is bounded by {@code aiart.queue.max}): what the job board is refreshed from.
     */
    public List<Job> active(int expected) {
        return mongoCollection().find(in(Job.F_STATUS, QUEUED, RUNNING)).projection(STATUS_FIELDS)
                .batchSize(Math.max(101, expected + 100)).into(new java.util.ArrayList<>());
    }

    /** One job with the fields status answers need. */
    public Optional<Job> findStatus(String id) {
        return Optional.ofNullable(mongoCollection().find(eq("_id", id)).projection(STATUS_FIELDS).first());
    }

    /** The job that claimed an idempotency key. */
    public Optional<Job> findByIdempotencyKey(String idem) {
        return Optional.ofNullable(mongoCollection().find(eq(Job.F_IDEM, idem)).first());
    }

    /** Frees an idempotency key whose window has passed, so a new request may claim it. */
    public boolean releaseIdempotencyKey(String id, String idem) {
        return mongoCollection().updateOne(and(eq("_id", id), eq(Job.F_IDEM, idem)),
                Updates.unset(Job.F_IDEM)).getModifiedCount() == 1;
    }

    /**
     * Inserts jobs in one unordered command, their prompts sealed ({@link PersonalData}); the jobs in
     * memory keep them in clear, so a retried insert seals them once again, not twice.
     *
     * @return the indexes of the jobs refused as duplicates (their idempotency key was taken)
     */
    public java.util.Set<Integer> insertAll(List<Job> batch) {
        List<String[]> clear = new java.util.ArrayList<>(batch.size());
        for (Job job : batch) {
            clear.add(job.params == null ? null : new String[] { job.params.prompt, job.params.negativePrompt });
            if (job.params != null) {
                job.params.prompt = personalData.seal(PersonalData.PROMPT, job.params.prompt);
                job.params.negativePrompt = personalData.seal(PersonalData.NEGATIVE_PROMPT, job.params.negativePrompt);
            }
        }
        try {
            mongoCollection().insertMany(batch, new com.mongodb.client.model.InsertManyOptions().ordered(false));
            return java.util.Set.of();
        } catch (com.mongodb.MongoBulkWriteException e) {
            return ai.aiart.store.BulkWrites.duplicates(e);
        } finally {
            for (int i = 0; i < batch.size(); i++) {
                if (clear.get(i) != null) {
                    batch.get(i).params.prompt = clear.get(i)[0];
                    batch.get(i).params.negativePrompt = clear.get(i)[1];
                }
            }
        }
    }

    /** A succeeded job made for the same fingerprint whose result can be shown again. */
    public Optional<Job> findReusable(String fingerprint) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("fingerprint", fingerprint), eq(Job.F_STATUS, JobStatus.SUCCEEDED.wire())))
                .sort(Sorts.descending(Job.F_COMPLETED_AT)).first());
    }

    /**
     * The fingerprints of the newest {@code max} succeeded seeded jobs, newest first, in one
     * command and its batches (the reuse hints of docs/ARCHITECTURE.md, "Store budget").
     */
    public List<String> reusableFingerprints(int max) {
        List<String> fingerprints = new java.util.ArrayList<>();
        mongoCollection().withDocumentClass(org.bson.Document.class)
                .find(and(com.mongodb.client.model.Filters.exists("fingerprint"), eq(Job.F_STATUS, JobStatus.SUCCEEDED.wire())))
                .projection(com.mongodb.client.model.Projections.fields(
                        com.mongodb.client.model.Projections.include("fingerprint"),
                        com.mongodb.client.model.Projections.excludeId()))
                .sort(Sorts.descending(Job.F_COMPLETED_AT)).limit(max).batchSize(max)
                .forEach(d -> fingerprints.add(d.getString("fingerprint")));
        return fingerprints;
    }

    /** Whether a job other than {@code jobId} shows the result file {@code fileId}. */
    public boolean resultSharedWithOthers(String fileId, String jobId) {
        return mongoCollection().countDocuments(and(eq("result.file_id", fileId), com.mongodb.client.model.Filters.ne("_id", jobId))) > 0;
    }

    /** Takes the next queued job of one of {@code kinds} for {@code worker}, or nothing. */
    public Optional<Job> claimNext(String worker, Collection<String> kinds, Instant now, Instant leaseUntil) {
        Job job = mongoCollection().findOneAndUpdate(
                // a deferred job is not taken before its time (docs/FAIR_USE.md, "Soft throttling")
                and(eq(Job.F_STATUS, QUEUED), in("kind", kinds), com.mongodb.client.model.Filters.not(
                        com.mongodb.client.model.Filters.gt(Job.F_NOT_BEFORE, now))),
                Updates.combine(
                        Updates.set(Job.F_STATUS, RUNNING),
                        Updates.set(Job.F_LEASE_OWNER, worker),
                        Updates.set(Job.F_LEASE_UNTIL, leaseUntil),
                        Updates.set("started_at", now),
                        Updates.inc(Job.F_ATTEMPTS, 1)),
                new FindOneAndUpdateOptions().sort(SERVING_ORDER).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(job);
    }

    /** Extends the lease; false when the job is no longer this worker's (canceled, reaped). */
    public boolean renewLease(String id, String worker, Instant leaseUntil) {
        return mongoCollection().updateOne(ownedBy(id, worker), Updates.set(Job.F_LEASE_UNTIL, leaseUntil))
                .getModifiedCount() == 1;
    }

    /** Records progress of a running job; false when the job is no longer this worker's. */
    public boolean reportProgress(String id, String worker, double progress) {
        return mongoCollection().updateOne(ownedBy(id, worker), Updates.set("progress", progress))
                .getMatchedCount() == 1;
    }

    /** Marks the worker's job succeeded; false when it is no longer this worker's. */
    public boolean succeed(String id, String worker, Job.JobResult result, Instant now) {
        return mongoCollection().updateOne(ownedBy(id, worker), Updates.combine(
                Updates.set(Job.F_STATUS, JobStatus.SUCCEEDED.wire()),
                Updates.set("result", result),
                Updates.set("provider", result.provider),
                Updates.set("progress", 1.0),
                Updates.set(Job.F_COMPLETED_AT, now),
                Updates.unset(Job.F_LEASE_OWNER),
                Updates.unset(Job.F_LEASE_UNTIL))).getModifiedCount() == 1;
    }

    /** Marks the worker's job failed; false when it is no longer this worker's. */
    public boolean fail(String id, String worker, Job.JobError error, String provider, Instant now) {
        return mongoCollection().updateOne(ownedBy(id, worker), failure(error, provider, now)).getModifiedCount() == 1;
    }

    /** Gives a job back to the queue at once, e.g. when its worker shuts down cleanly. */
    public boolean release(String id, String worker) {
        return mongoCollection().updateOne(ownedBy(id, worker), Updates.combine(
                Updates.set(Job.F_STATUS, QUEUED),
                Updates.inc(Job.F_ATTEMPTS, -1),
                Updates.unset(Job.F_LEASE_OWNER),
                Updates.unset(Job.F_LEASE_UNTIL),
                Updates.unset("progress"))).getModifiedCount() == 1;
    }

    /** Cancels a queued or running job; empty when it does not exist or has already ended. */
    public Optional<Job> cancel(String id, Instant now) {
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(
                and(eq("_id", id), in(Job.F_STATUS, QUEUED, RUNNING)),
                Updates.combine(
                        Updates.set(Job.F_STATUS, JobStatus.CANCELED.wire()),
                        Updates.set(Job.F_COMPLETED_AT, now),
                        Updates.unset(Job.F_LEASE_OWNER),
                        Updates.unset(Job.F_LEASE_UNTIL)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Running jobs whose lease ran out before {@code now}: their worker is gone. */
    public List<Job> expiredLeases(Instant now, int limit) {
        return mongoCollection().find(and(eq(Job.F_STATUS, RUNNING), lt(Job.F_LEASE_UNTIL, now)))
                .limit(limit).into(new java.util.ArrayList<>());
    }

    /**
     * Puts a job whose lease expired back in the queue, or fails it after {@code maxAttempts}
     * claims. The filter repeats the lease seen, so a renewal in between wins.
     */
    public boolean reap(Job expired, int maxAttempts, Instant now) {
        Bson unchanged = and(eq("_id", expired.id), eq(Job.F_STATUS, RUNNING),
                eq(Job.F_LEASE_OWNER, expired.leaseOwner), eq(Job.F_LEASE_UNTIL, expired.leaseUntil));
        Bson update = expired.attempts >= maxAttempts
                ? failure(new Job.JobError("attempts_exhausted",
                        "This job could not be finished after " + expired.attempts + " tries. Please submit it again."),
                        expired.provider, now)
                : Updates.combine(
                        Updates.set(Job.F_STATUS, QUEUED),
                        Updates.unset(Job.F_LEASE_OWNER),
                        Updates.unset(Job.F_LEASE_UNTIL),
                        Updates.unset("progress"));
        return mongoCollection().updateOne(unchanged, update).getModifiedCount() == 1;
    }

    public long countQueued() {
        return mongoCollection().countDocuments(eq(Job.F_STATUS, QUEUED));
    }

    public long countRunning() {
        return mongoCollection().countDocuments(eq(Job.F_STATUS, RUNNING));
    }

    /** Finished jobs completed before {@code cutoff}, for retention clean-up. */
    public List<Job> finishedBefore(Instant cutoff, int limit) {
        return mongoCollection().find(and(
                        in(Job.F_STATUS, JobStatus.SUCCEEDED.wire(), JobStatus.FAILED.wire(), JobStatus.CANCELED.wire(),
                                JobStatus.EXPIRED.wire()),
                        lt(Job.F_COMPLETED_AT, cutoff)))
                .limit(limit).into(new java.util.ArrayList<>());
    }

    /**
     * A page of one owner's jobs, newest first: those created before the cursor
     * ({@code beforeCreated}, {@code beforeId}) of the previous page, or the newest without one.
     */
    public List<Job> history(String owner, Instant beforeCreated, String beforeId, int limit) {
        Bson filter = beforeCreated == null ? eq("owner", owner) : and(eq("owner", owner), or(
                lt(Job.F_CREATED_AT, beforeCreated),
                and(eq(Job.F_CREATED_AT, beforeCreated), lt("_id", beforeId))));
        return mongoCollection().find(filter).sort(Sorts.descending(Job.F_CREATED_AT, "_id")).limit(limit)
                .into(new java.util.ArrayList<>());
    }

    /** Some of one owner's jobs, for erasing them batch by batch. */
    public List<Job> anyOwnedBy(String owner, int limit) {
        return mongoCollection().find(eq("owner", owner)).limit(limit).into(new java.util.ArrayList<>());
    }

    /** The first {@code limit} queued jobs in serving order. */
    public List<Job> firstQueued(int limit) {
        return mongoCollection().find(eq(Job.F_STATUS, QUEUED)).sort(SERVING_ORDER).limit(limit)
                .into(new java.util.ArrayList<>());
    }

    private static Bson ownedBy(String id, String worker) {
        return and(eq("_id", id), eq(Job.F_STATUS, RUNNING), eq(Job.F_LEASE_OWNER, worker));
    }

    private static Bson failure(Job.JobError error, String provider, Instant now) {
        return Updates.combine(
                Updates.set(Job.F_STATUS, JobStatus.FAILED.wire()),
                Updates.set("error", error),
                Updates.set("provider", provider),
                Updates.set(Job.F_COMPLETED_AT, now),
                Updates.unset(Job.F_LEASE_OWNER),
                Updates.unset(Job.F_LEASE_UNTIL));
    }
}
