package ai.aiart.generation.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.Identity;
import io.micrometer.core.instrument.MeterRegistry;
import ai.aiart.generation.GenerationConfig;
import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.QueueConfig;
import ai.aiart.generation.RetentionConfig;
import ai.aiart.core.Submission;
import ai.aiart.generation.SubmissionRules;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.ratelimit.Admission;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/** Accepts generation requests into the queue and answers questions about jobs. */
@ApplicationScoped
public class JobService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** Idempotency keys this instance claimed lately, so a retry to the same backend costs nothing. */
    private record KeyUse(String jobId, String fingerprint) {
    }

    private static final int KEYS_REMEMBERED = 10_000;

    private final JobRepository jobs;
    private final RefusedKeyLookups refusedKeys;
    private final JobInserts inserts;
    private final JobBoard board;
    private final UploadStore uploads;
    private final Map<String, KeyUse> keysMadeHere = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KeyUse> eldest) {
                    return size() > KEYS_REMEMBERED;
                }
            });
    private final QueueSignal signal;
    private final ReuseHints reuseHints;
    private final JobViews views;
    private final GenerationConfig config;
    private final QueueConfig queueConfig;
    private final RetentionConfig retention;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SubmissionRules rules;

    public JobService(JobRepository jobs, JobInserts inserts, JobBoard board, UploadStore uploads, QueueSignal signal,
            ReuseHints reuseHints, JobViews views, GenerationConfig config, QueueConfig queueConfig, RetentionConfig retention,
            Clock clock, MeterRegistry meters, RefusedKeyLookups refusedKeys, SubmissionRules rules) {
        this.rules = rules;
        this.meters = meters;
        this.refusedKeys = refusedKeys;
        this.reuseHints = reuseHints;
        this.jobs = jobs;
        this.inserts = inserts;
        this.board = board;
        this.uploads = uploads;
        this.signal = signal;
        this.views = views;
        this.config = config;
        this.queueConfig = queueConfig;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * The outcome of a submission: the job, whether an earlier request with the same key made
     * it, and what the admission check said (null for a replay, which takes nothing).
     */
    public record Accepted(Job job, boolean replayed, Admission admission) {
    }

    /**
     * Queues a job of {@code submission} for {@code who}, storing its parameters
     * ({@link SubmissionRules#toParams}). With an {@code Idempotency-Key}, the same key from the same
     * caller within the window returns the job it first made. With an explicit seed, an
     * identical earlier request's result is reused at once (looked up only when {@link ReuseHints}
     * knows the fingerprint). {@code admit} is asked (and may
     * refuse) only when the request would create a job, and only once the queue has room;
     * {@code giveBack} returns what it took when the request turns out to be a resubmission.
     *
     * <p>Store commands: the admission and the insert each go through a batch writer, so an
     * accepted request costs at most two commands alone and a fraction of one in a burst; the
     * key is claimed by the insert itself (a unique index on {@code idem}), and a refusal
     * costs none — but one read when the request carries a key (at most 3 a minute per caller), to
     * answer a resubmission another instance stored with its job (docs/ARCHITECTURE.md, "Store budget").
     */
    public Accepted submit(Submission submission, CheckedUpload upload, Identity who, String idempotencyKey,
            Supplier<Admission> admit, java.util.function.Consumer<Admission> giveBack) {
        JobKind kind = submission.kind();
        Job.JobParams params = rules.toParams(submission);
        Instant now = Instant.now(clock);
        String fingerprint = fingerprint(kind, params, upload);
        String idem = null;
        if (idempotencyKey != null) {
            if (!KEY.matcher(idempotencyKey).matches()) {
                throw ProblemException.validation("The Idempotency-Key header must be 1 to 255 visible ASCII characters, such as a UUID.");
            }
            idem = idempotencyHash(who, idempotencyKey);
            Optional<Accepted> replay = replayKnownHere(idem, fingerprint, now);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        // a result is reused for the visitor who made it only: another visitor could otherwise learn,
        // from an instant answer, that someone had asked for the same picture (docs/GENERATION.md)
        String reuseKey = params.seedGiven ? reuseKey(who, fingerprint) : null;
        boolean mayReuse = reuseKey != null && reuseHints.mayHave(reuseKey);
        Admission admission;
        try {
            if (!mayReuse) {
                checkCapacity(kind);
            }
            // a resubmission above is free; a new request is counted from here on, and one refused
            // here has cost no store command (the reuse lookup comes after it)
            admission = admit.get();
        } catch (ProblemException refused) {
            return replayInsteadOf(refused, who, idem, fingerprint, now);
        }
        Optional<Job> reusable = mayReuse ? jobs.findReusable(reuseKey) : Optional.empty();
        if (mayReuse && reusable.isEmpty()) {
            try {
                checkCapacity(kind);
            } catch (ProblemException full) {
                giveBack.accept(admission);
                throw full;
            }
        }

        Job job = new Job();
        job.id = newId();
        job.kind = kind.wire();
        job.priority = who.tier().priority();
        if (admission != null && admission.deferred()) {
            // over the allowance, in the deferred lane: after everyone else, and not before the token is due
            job.priority = Job.DEFERRED_PRIORITY;
            job.notBefore = Instant.ofEpochMilli(admission.deferredUntilMs());
        }
        job.tier = who.tier().wire();
        job.owner = who.key();
        job.params = params;
        job.createdAt = now;
        job.idem = idem;
        job.idemFingerprint = idem == null ? null : fingerprint;
        if (params.seedGiven) {
            job.fingerprint = reuseKey;
        }
        if (reusable.isPresent()) {
            reuse(job, reusable.get(), now);
        } else {
            job.status = JobStatus.QUEUED.wire();
            if (upload != null) {
                params.input = storeUpload(job.id, upload, who.key());
            }
        }
        for (int attempt = 1; !inserts.insert(job); attempt++) {
            // the key was claimed by another request, on this instance or another
            if (idem == null || attempt > 5) {
                throw new IllegalStateException("job " + job.id + " could not be stored: its key stays taken");
            }
            Optional<Job> earlier = jobs.findByIdempotencyKey(idem);
            if (earlier.isEmpty()) {
                continue; // released in between: claim it again
            }
            if (earlier.get().createdAt.isBefore(now.minus(config.idempotencyWindow()))) {
                jobs.releaseIdempotencyKey(earlier.get().id, idem);
                continue;
            }
            // a resubmission after all: it takes nothing and stores nothing
            giveBack.accept(admission);
            if (params.input != null) {
                uploads.delete(params.input.fileId);
            }
            return replayOf(earlier.get(), fingerprint);
        }
        board.seen(job);
        if (job.fingerprint != null) {
            reuseHints.add(job.fingerprint);
        }
        if (idem != null) {
            keysMadeHere.put(idem, new KeyUse(job.id, fingerprint));
        }
        if (job.jobStatus() == JobStatus.QUEUED && job.notBefore == null) {
            signal.jobQueued(); // a deferred job: the board wakes the workers when it is due
        }
        meters.counter("aiart.jobs.submitted", "kind", kind.wire(), "tier", job.tier,
                "cached", String.valueOf(job.cached != null)).increment();
        return new Accepted(job, false, admission);
    }

    /** Forgets the keys claimed here, so resubmissions take the path a request to another instance takes (tests). */
    void forgetKeysMadeHere() {
        keysMadeHere.clear();
    }

    /** A resubmission of a job this instance stored itself: answered without the store or a token. */
    private Optional<Accepted> replayKnownHere(String idem, String fingerprint, Instant now) {
        KeyUse made = keysMadeHere.get(idem);
        if (made == null) {
            return Optional.empty();
        }
        Optional<Job> job = board.find(made.jobId());
        if (job.isEmpty() || job.get().createdAt.isBefore(now.minus(config.idempotencyWindow()))) {
            keysMadeHere.remove(idem);
            return Optional.empty();
        }
        if (!made.fingerprint().equals(fingerprint)) {
            throw conflictingKey();
        }
        return Optional.of(new Accepted(job.get(), true, null));
    }

    /**
     * A keyed request refused for the caller's allowance or a full queue may be the resubmission of
     * a job another instance made: a hedged creation (docs/FAILOVER.md) reaches both backends, and the
     * one that comes second must answer with the job, not with the refusal its own count gives. One
     * store read, on refused keyed requests only; anything else is refused as it was.
     */
    private Accepted replayInsteadOf(ProblemException refused, Identity who, String idem, String fingerprint, Instant now) {
        if (idem != null && (refused.errorType() == ErrorType.RATE_LIMITED || refused.errorType() == ErrorType.RESOURCE_LIMIT)
                && refusedKeys.mayLookUp(who)) {
            Optional<Job> earlier = jobs.findByIdempotencyKey(idem);
            if (earlier.isPresent() && !earlier.get().createdAt.isBefore(now.minus(config.idempotencyWindow()))) {
                return replayOf(earlier.get(), fingerprint);
            }
        }
        throw refused;
    }

    private Accepted replayOf(Job earlier, String fingerprint) {
        if (!fingerprint.equals(earlier.idemFingerprint)) {
            throw conflictingKey();
        }
        board.seen(earlier);
        return new Accepted(earlier, true, null);
    }

    private static ProblemException conflictingKey() {
        return ProblemException.conflict("This Idempotency-Key was already used for a different request. "
                + "Use a new key for a new request.");
    }

    private void reuse(Job job, Job earlier, Instant now) {
        job.status = JobStatus.SUCCEEDED.wire();
        job.result = earlier.result;
        job.provider = earlier.provider;
        job.cached = true;
        job.notBefore = null; // the visitor's own earlier result, shown at once even from the deferred lane
        job.progress = 1.0;
        job.startedAt = now;
        job.completedAt = now;
        job.params.input = null;
    }

    /** The queue's length as this instance last saw it (no store command); 503 when full. */
    private void checkCapacity(JobKind kind) {
        long queued = board.queued();
        if (queued >= queueConfig.max()) {
            long wait = Math.max(1, views.etaSeconds(kind, queued + 1));
            throw new ProblemException(ErrorType.RESOURCE_LIMIT,
                    "AiArt is very busy right now: the queue is full. Please try again in " + wait + " seconds.",
                    wait, null, Map.of());
        }
    }

    private Job.JobInput storeUpload(String jobId, CheckedUpload upload, String owner) {
        Job.JobInput input = new Job.JobInput();
        input.fileId = jobId + ".input";
        input.contentType = upload.contentType();
        input.width = upload.width();
        input.height = upload.height();
        input.sha256 = upload.sha256();
        input.size = uploads.save(input.fileId, upload.contentType(), upload.file(), owner, jobId);
        return input;
    }

    /** The job, with the fields status answers need (from the {@link JobBoard}), or 404. */
    public Job get(String id) {
        return board.find(id).orElseThrow(() -> ProblemException.notFound(
                "There is no job " + id + ". It may have expired: results are kept for "
                        + retention.retention().toDays() + " days."));
    }

    /** Cancels a queued or running job; 404 when unknown, 409 when it has already ended. */
    public Job cancel(String id) {
        return jobs.cancel(id, Instant.now(clock)).map(job -> {
            board.seen(job);
            meters.counter("aiart.jobs.completed", "kind", job.kind, "status", "canceled", "provider", "none").increment();
            uploads.deleteFor(job); // a running job's worker already holds its own copy
            return job;
        }).orElseGet(() -> {
            Job job = get(id);
            throw ProblemException.conflict("This job has already " + ended(job.jobStatus()) + " and cannot be canceled.");
        });
    }

    private static String ended(JobStatus status) {
        return switch (status) {
            case SUCCEEDED, EXPIRED -> "finished";
            case FAILED -> "failed";
            default -> "been canceled";
        };
    }

    /** What was asked, as a hash: the same for identical requests, whoever sends them. */
    static String fingerprint(JobKind kind, Job.JobParams p, CheckedUpload upload) {
        String canonical = String.join("\u0000", kind.wire(), String.valueOf(p.prompt), String.valueOf(p.negativePrompt),
                String.valueOf(p.aspectRatio), String.valueOf(p.style), p.seedGiven ? String.valueOf(p.seed) : "",
                String.valueOf(p.strength), String.valueOf(p.durationSeconds), p.width + "x" + p.height,
                upload == null ? "" : upload.sha256());
        return sha256(canonical);
    }

    /** What a seeded job stores to be found for reuse ({@code Job.fingerprint}): the request's fingerprint, of this caller. */
    static String reuseKey(Identity who, String fingerprint) {
        return sha256(who.key() + "\n" + fingerprint);
    }

    /** What a job stores of its caller's Idempotency-Key ({@code Job.idem}). */
    static String idempotencyHash(Identity who, String idempotencyKey) {
        return sha256(who.key() + "\n" + idempotencyKey);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 128 random bits, URL-safe: unguessable, so the id itself grants access to the job. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
