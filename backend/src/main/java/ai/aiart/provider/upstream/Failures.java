package ai.aiart.provider.upstream;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProviderException;

/**
 * Turns what went wrong upstream into a {@link ProviderException} whose message can be shown
 * to a visitor: the one place that decides "refused vs failed" for every provider. A provider
 * reads only what its own wire format says ({@link Verdict}); {@link #of} decides from that and the
 * HTTP status what the job and the guard ({@link UpstreamGuards}) do: retried ({@link UpstreamException}),
 * refused or rejected without holding it against the upstream ({@link RejectedRequestException}),
 * or failed and counted by the breaker (a plain {@link ProviderException}). Network failures go
 * through {@link #forIo}, the guard's own exceptions through {@link #forGuard}. Upstream details
 * (status, error bodies) are logged by the providers, never put in these messages.
 */
public final class Failures {

    /** The status of an answer that came but carries no result (an error code in a 200, a failed task). */
    public static final int ANSWERED = 200;

    /** What an upstream's answer says beyond its HTTP status, as its provider reads its wire format. */
    public enum Verdict {
        /** Nothing more than the status: {@link #forStatus} decides. */
        NONE,
        /** A content-policy refusal: the job fails with a message; no other provider is tried. */
        REFUSED,
        /** The upstream does not accept this request (bad parameters): not retried, not held against it. */
        REJECTED,
        /** Our key was refused: the provider is not usable, whatever the status (Google answers a bad key with 400). */
        KEY_REFUSED,
        /** The upstream told us to stay away for longer than we wait (Stability's 429 without Retry-After). */
        PAUSED
    }

    private Failures() {
    }

    /**
     * The mapping: an upstream's answer to the ProviderException family.
     *
     * @param status     its HTTP status; {@link #ANSWERED} for an answer without a result
     * @param retryAfter the pause it asked for (already left out while polling); above
     *                   {@code maxRetryAfter} the job goes to the next provider instead of waiting
     */
    public static ProviderException of(JobKind kind, int status, Verdict verdict, Optional<Duration> retryAfter,
            Duration maxRetryAfter) {
        return switch (verdict) {
            case REFUSED -> refused(kind);
            case REJECTED -> rejected(kind);
            case KEY_REFUSED -> unavailable(kind);
            case PAUSED -> busyForLong(kind);
            case NONE -> status == ANSWERED ? failed(kind) : forStatus(kind, status, retryAfter, maxRetryAfter);
        };
    }

    /**
     * An answer that came without a result, for what it says: a task that failed or a 200 with an
     * error code. Never retried: the task ran, and a new one would be made (and paid for) again.
     */
    public static ProviderException of(JobKind kind, Verdict verdict) {
        return of(kind, ANSWERED, verdict, Optional.empty(), Duration.ZERO);
    }

    /** "image service" or "video service", as a visitor would call it. */
    public static String service(JobKind kind) {
        return kind.video() ? "video service" : "image service";
    }

    /** A content-policy refusal: the job fails with this message; no other provider is tried. */
    public static RejectedRequestException refused(JobKind kind) {
        return new RejectedRequestException("content_refused", "The " + service(kind)
                + " declined this request under its content policy. Please change the prompt"
                + (kind == JobKind.TEXT_TO_IMAGE || kind == JobKind.TEXT_TO_VIDEO ? "" : " or the picture")
                + " and try again.", true);
    }

    /** The upstream does not accept this request (bad parameters, picture too large …). */
    public static RejectedRequestException rejected(JobKind kind) {
        return new RejectedRequestException("provider_rejected", "The " + service(kind) + " could not accept this request.",
                false);
    }

    /** Rate limited: retried after {@code retryAfter} (or with backoff). */
    public static UpstreamException busy(JobKind kind, int status, Duration retryAfter) {
        return new UpstreamException("provider_busy", "The " + service(kind) + " is busy right now. Please try again in a moment.",
                status, retryAfter, null);
    }

    /** A server error or a network failure: retried with backoff. */
    public static UpstreamException troubled(JobKind kind, int status, Throwable cause) {
        return new UpstreamException("provider_error", "The " + service(kind) + " is having trouble right now.", status, null,
                cause);
    }

    /** Busy for longer than we wait: not retried, the next provider gets the job. */
    public static ProviderException busyForLong(JobKind kind) {
        return new ProviderException("provider_busy", "The " + service(kind) + " is busy right now. Please try again later.",
                false, null);
    }

    /** Not usable (key refused, out of credit, gone): not retried, counts against the circuit breaker. */
    public static ProviderException unavailable(JobKind kind) {
        return new ProviderException("provider_unavailable", "The " + service(kind) + " is not available right now.", false,
                null);
    }

    /** It answered, but without a usable result. */
    public static ProviderException failed(JobKind kind) {
        return new ProviderException("provider_error", "The " + service(kind) + " could not make this. Please try again.",
                false, null);
    }

    /** A task ran past its time. */
    public static ProviderException tooSlow(JobKind kind) {
        return new ProviderException("provider_timeout", "The " + service(kind) + " took too long to answer.", false, null);
    }

    /** The worker was interrupted: the job was canceled (or timed out, which the guard reports). */
    public static ProviderException interrupted() {
        Thread.currentThread().interrupt();
        return new ProviderException("interrupted", "The job was stopped.", false, null);
    }

    /**
     * An error answer of status {@code status} that says nothing more ({@link Verdict#NONE}).
     *
     * @param retryAfter what the upstream asked us to wait; above {@code maxRetryAfter} the
     *                   job goes to the next provider instead of waiting
     */
    static ProviderException forStatus(JobKind kind, int status, Optional<Duration> retryAfter, Duration maxRetryAfter) {
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0 && (status == 429 || status >= 500)) {
            return busyForLong(kind);
        }
        if (status == 429) {
            return busy(kind, status, retryAfter.orElse(null));
        }
        if (status == 408 || status >= 500) {
            return status == 503 && retryAfter.isPresent() ? busy(kind, status, retryAfter.get()) : troubled(kind, status, null);
        }
        if (status == 400 || status == 413 || status == 415 || status == 422) {
            return rejected(kind);
        }
        return unavailable(kind); // 401, 402, 403, 404 …: misconfigured or gone
    }

    /** A network failure (connection refused or reset, read timeout) or an interruption. */
    public static ProviderException forIo(JobKind kind, Throwable e) {
        if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedException.class)) {
            return interrupted();
        }
        return troubled(kind, 0, e);
    }

    /**
     * What a fallback reports for a failure the guarded method could not map itself: the guard's
     * own exceptions (timeout, open circuit, full bulkhead), an interruption, or a bug.
     */
    public static ProviderException forGuard(JobKind kind, Throwable failure) {
        if (failure instanceof ProviderException known) {
            return known;
        }
        if (failure instanceof TimeoutException) {
            return tooSlow(kind);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return unavailable(kind);
        }
        if (failure instanceof BulkheadException) {
            return new ProviderException("provider_busy", "The " + service(kind) + " is busy right now.", false, null);
        }
        if (failure instanceof InterruptedException) {
            return interrupted();
        }
        return new ProviderException("provider_error", "The " + service(kind) + " could not make this. Please try again.",
                false, failure);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
