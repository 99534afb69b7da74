package ai.aiart.provider.upstream;

import java.time.Duration;
import java.util.Optional;

import ai.aiart.provider.ProviderException;

/**
 * A passing failure of an upstream (HTTP 429, 5xx, a network error): the call is retried with
 * backoff, honouring {@code Retry-After} ({@link RetryAfterBackoff}), and counts against the
 * provider's circuit breaker.
 */
public class UpstreamException extends ProviderException {

    private final int status;
    private final Duration retryAfter;

    public UpstreamException(String code, String message, int status, Duration retryAfter, Throwable cause) {
        super(code, message, false, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** HTTP status of the upstream's answer; 0 for a network error. */
    public int status() {
        return status;
    }

    /** How long the upstream asked us to wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
