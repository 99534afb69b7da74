package ai.aiart.generation;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonIgnore;
import org.bson.codecs.pojo.annotations.BsonProperty;

import ai.aiart.core.JobKind;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A generation job: the document in {@code jobs} that is at once the queue entry, the
 * worker's lease and the record of the outcome (docs/GENERATION.md).
 */
@MongoEntity(collection = "jobs")
public class Job {

    public static final String F_STATUS = "status";
    public static final String F_PRIORITY = "priority";
    public static final String F_CREATED_AT = "created_at";
    public static final String F_LEASE_OWNER = "lease_owner";
    public static final String F_LEASE_UNTIL = "lease_until";
    public static final String F_ATTEMPTS = "attempts";
    public static final String F_COMPLETED_AT = "completed_at";
    public static final String F_IDEM = "idem";
    public static final String F_UPDATED_AT = "updated_at";
    public static final String F_EXPIRED_AT = "expired_at";
    public static final String F_NOT_BEFORE = "not_before";
    /** The deferred lane's priority: after every tier's (docs/FAIR_USE.md, "Soft throttling"). */
    public static final int DEFERRED_PRIORITY = 9;

    /** Random, unguessable; holding it is what lets a caller see the job and its result. */
    @BsonId
    public String id;
    /** {@link JobKind#wire()}. */
    public String kind;
    /** {@link JobStatus#wire()}. */
    public String status;
    /** Serving order: 1 donor, 2 registered, 3 anonymous, {@value #DEFERRED_PRIORITY} the deferred lane. */
    public int priority;
    /**
     * A deferred job (its caller was over the allowance) is not claimed before this; absent for
     * every other job.
     */
    @BsonProperty("not_before")
    public Instant notBefore;
    public String tier;
    /** Who asked: {@code ip:<keyed hash>} or {@code user:<uid>}. */
    public String owner;
    public JobParams params;
    @BsonProperty("created_at")
    public Instant createdAt;
    @BsonProperty("started_at")
    public Instant startedAt;
    @BsonProperty("completed_at")
    public Instant completedAt;
    /** When its result was removed to make room ({@code expired}); else null. */
    @BsonProperty("expired_at")
    public Instant expiredAt;
    /** How many times a worker has claimed the job. */
    public int attempts;
    @BsonProperty("lease_owner")
    public String leaseOwner;
    @BsonProperty("lease_until")
    public Instant leaseUntil;
    /** 0..1 where the provider reports progress, else null. */
    public Double progress;
    public String provider;
    public JobError error;
    public JobResult result;
    /**
     * Hash of what was asked (kind, prompt, parameters, explicit seed, upload), set only when
     * the caller chose the seed: an identical request is then answered from this result.
     */
    public String fingerprint;
    /** Whether the result was reused from an identical earlier request. */
    public Boolean cached;
    /**
     * Hash of the caller and its {@code Idempotency-Key}, unique among jobs (sparse index): the
     * job's insert is the claim of the key, so a resubmission costs no command of its own.
     */
    public String idem;
    /** Hash of what was asked with that key: the same key with another request is a conflict. */
    @BsonProperty("idem_fp")
    public String idemFingerprint;

    @BsonIgnore
    public JobKind jobKind() {
        return JobKind.fromWire(kind).orElseThrow();
    }

    @BsonIgnore
    public JobStatus jobStatus() {
        return JobStatus.fromWire(status);
    }

    /**
     * The result file the current attempt stores: one per attempt, so that a worker that lost its
     * lease never overwrites the winner's result.
     */
    @BsonIgnore
    public String attemptFileId() {
        return attemptFileId(attempts);
    }

    /**
     * The result files the attempts before the current one may have left: a worker killed between
     * storing its result and recording it leaves its file behind (docs/GENERATION.md, "The
     * queue"). Empty for a first attempt.
     */
    @BsonIgnore
    public java.util.List<String> earlierAttemptFileIds() {
        return java.util.stream.IntStream.range(1, attempts).mapToObj(this::attemptFileId).toList();
    }

    /** The result files any attempt, the current one too, may have stored. */
    @BsonIgnore
    public java.util.List<String> attemptFileIds() {
        return java.util.stream.IntStream.rangeClosed(1, attempts).mapToObj(this::attemptFileId).toList();
    }

    private String attemptFileId(int attempt) {
        return id + "." + attempt;
    }

    /** What was asked for. */
    public static class JobParams {
        public String prompt;
        @BsonProperty("negative_prompt")
        public String negativePrompt;
        @BsonProperty("aspect_ratio")
        public String aspectRatio;
        public String style;
        /** The seed used: the caller's, or one drawn at submission so the result can be made again. */
        public Long seed;
        /** Whether the caller chose the seed. */
        @BsonProperty("seed_given")
        public boolean seedGiven;
        public int width;
        public int height;
        /** Image-to-image: how far to move from the upload, 0..1. */
        public Double strength;
        /** Videos: length in seconds. */
        @BsonProperty("duration_seconds")
        public Integer durationSeconds;
        /** The uploaded picture, for image-to-image and image-to-video. */
        public JobInput input;
    }

    /** An uploaded picture, stored in GridFS bucket {@code uploads} under {@code fileId}. */
    public static class JobInput {
        @BsonProperty("file_id")
        public String fileId;
        @BsonProperty("content_type")
        public String contentType;
        public int width;
        public int height;
        public long size;
        public String sha256;
    }

    /** Why a job failed, in words for the visitor. */
    public static class JobError {
        public String code;
        public String message;

        public JobError() {
        }

        public JobError(String code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    /** The stored result (bytes in GridFS under {@code fileId}). */
    public static class JobResult {
        @BsonProperty("content_type")
        public String contentType;
        public int width;
        public int height;
        @BsonProperty("duration_seconds")
        public Double durationSeconds;
        public String provider;
        @BsonProperty("file_id")
        public String fileId;
        public long size;
        /**
         * What the runner changed in the request to fit the provider's limits (docs/PROVIDERS.md,
         * "Input limits and fitting"); null when nothing was changed, to keep the document small.
         */
        public java.util.List<Adjustment> adjustments;
    }

    /** One change made to fit a provider: what (image, prompt, negative_prompt), from and to. */
    public static class Adjustment {
        public String provider;
        public String what;
        public String from;
        public String to;

        public Adjustment() {
        }

        public Adjustment(String provider, String what, String from, String to) {
            this.provider = provider;
            this.what = what;
            this.from = from;
            this.to = to;
        }
    }
}
