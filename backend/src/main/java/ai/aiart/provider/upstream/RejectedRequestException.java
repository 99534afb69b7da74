package ai.aiart.provider.upstream;

import ai.aiart.provider.ProviderException;

/**
 * An expected answer of a healthy upstream that still gives no result: a content-policy refusal
 * ({@link #refusal()}) or a request it does not accept (HTTP 400, 413, 422). Never retried, and
 * never held against the upstream by its circuit breaker.
 */
public class RejectedRequestException extends ProviderException {

    public RejectedRequestException(String code, String message, boolean refusal) {
        super(code, message, refusal, null);
    }
}
