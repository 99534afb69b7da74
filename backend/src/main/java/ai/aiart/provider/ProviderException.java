package ai.aiart.provider;

/**
 * A provider could not make the result.
 *
 * @see #refusal() a content-policy refusal fails the job instead of trying the next provider
 */
public class ProviderException extends RuntimeException {

    private final String code;
    private final boolean refusal;

    public ProviderException(String code, String message, boolean refusal, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.refusal = refusal;
    }

    public static ProviderException refused(String message) {
        return new ProviderException("content_refused", message, true, null);
    }

    public String code() {
        return code;
    }

    public boolean refusal() {
        return refusal;
    }
}
