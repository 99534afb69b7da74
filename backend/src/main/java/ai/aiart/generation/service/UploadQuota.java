package ai.aiart.generation.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.Identity;
import ai.aiart.core.JobKind;
import ai.aiart.generation.UploadsConfig;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.load.QueueStats;
import ai.aiart.ratelimit.RateLimitConfig;
import ai.aiart.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether a visitor may store one more upload, asked before the upload is even decoded.
 *
 * <ul>
 * <li>The uploads budget ({@code aiart.store.uploads-budget}), against the figure of the last
 * budget check plus this instance's uploads since ({@link BytesBudget}): past it, 503
 * {@code resource_limit}. No store command.</li>
 * <li>The visitor's own stored uploads ({@code aiart.uploads.max-per-visitor}), one indexed count:
 * at the cap, 429 {@code rate_limited}. An upload is deleted as soon as its job ends, so this
 * counts the pictures still waiting to be used.</li>
 * </ul>
 * A resubmission with an {@code Idempotency-Key} that already made its job is let through: it
 * stores nothing, and it is how the site's failover resends a request whose answer was lost.
 */
@ApplicationScoped
public class UploadQuota {

    private final RefusedKeyLookups refusedKeys;
    private final UploadStore uploads;
    private final BytesBudget budget;
    private final JobRepository jobs;
    private final QueueStats queue;
    private final JobViews views;
    private final UploadsConfig config;
    private final long uploadsBudget;
    private final String donationLink;
    private final MeterRegistry meters;

    public UploadQuota(UploadStore uploads, BytesBudget budget, JobRepository jobs, QueueStats queue,
            JobViews views, UploadsConfig config, StoreConfig store, RateLimitConfig limits, MeterRegistry meters,
            RefusedKeyLookups refusedKeys) {
        this.refusedKeys = refusedKeys;
        this.uploads = uploads;
        this.budget = budget;
        this.jobs = jobs;
        this.queue = queue;
        this.views = views;
        this.config = config;
        this.uploadsBudget = store.uploadsBudget().asLongValue();
        this.donationLink = limits.donationLink();
        this.meters = meters;
    }

    /**
     * Refuses the upload request of {@code who} when it would store more than the budget or the
     * visitor's cap allows.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}, or null
     * @throws ProblemException 503 {@code resource_limit} past the uploads budget; 429
     *     {@code rate_limited} at the visitor's cap
     */
    public void check(Identity who, String idempotencyKey) {
        long retry = retryAfterSeconds();
        if (budget.uploadBytes() >= uploadsBudget) {
            refused("budget");
            throw new ProblemException(ErrorType.RESOURCE_LIMIT,
                    "AiArt is holding as many uploaded pictures as it can right now. Please try again in "
                            + retry + " seconds, or create from a text prompt meanwhile.",
                    retry, donationLink, Map.of());
        }
        int cap = config.maxPerVisitor();
        if (uploads.countOwnedBy(who.key()) >= cap && !alreadyMade(who, idempotencyKey)) {
            refused("visitor");
            throw new ProblemException(ErrorType.RATE_LIMITED,
                    "You have " + cap + (cap == 1 ? " picture" : " pictures") + " waiting to be used. "
                            + "Each is deleted as soon as its creation is done: please try again in " + retry
                            + " seconds, or cancel one of them.",
                    retry, donationLink, Map.of());
        }
    }

    /**
     * Whether an earlier request with this key made its job already (then this one stores nothing).
     * Asked of refused requests only, so the store read is within {@link RefusedKeyLookups}' few a minute.
     */
    public boolean alreadyMade(Identity who, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || !refusedKeys.mayLookUp(who)) {
            return false;
        }
        return jobs.findByIdempotencyKey(JobService.idempotencyHash(who, idempotencyKey)).isPresent();
    }

    /** About when a waiting upload will have been used: the queue's present wait, 5 s to 10 min. */
    private long retryAfterSeconds() {
        return Math.max(5, Math.min(600, views.etaSeconds(JobKind.IMAGE_TO_IMAGE, queue.queued() + 1)));
    }

    private void refused(String reason) {
        meters.counter("aiart.uploads.refused", "reason", reason).increment();
    }
}
