package ai.aiart.core;

import java.util.Map;

/** Ends a request with a problem answer (docs/ARCHITECTURE.md, "Errors"). */
public class ProblemException extends RuntimeException {

    private final ErrorType errorType;
    private final Long retryAfter;
    private final String donationLink;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ProblemException(ErrorType errorType, String message) {
        this(errorType, message, null, null, Map.of());
    }

    public ProblemException(ErrorType errorType, String message, Long retryAfter, String donationLink,
            Map<String, Object> extensions) {
        this(errorType, message, retryAfter, donationLink, extensions, Map.of());
    }

    /** @param headers extra response headers, e.g. the RateLimit headers of a refusal */
    public ProblemException(ErrorType errorType, String message, Long retryAfter, String donationLink,
            Map<String, Object> extensions, Map<String, String> headers) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.retryAfter = retryAfter;
        this.donationLink = donationLink;
        this.extensions = extensions;
        this.headers = headers;
    }

    public static ProblemException notFound(String message) {
        return new ProblemException(ErrorType.NOT_FOUND, message);
    }

    public static ProblemException validation(String message) {
        return new ProblemException(ErrorType.VALIDATION, message);
    }

    public static ProblemException conflict(String message) {
        return new ProblemException(ErrorType.CONFLICT, message);
    }

    public ErrorType errorType() {
        return errorType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return Problem.of(errorType, getMessage(), retryAfter, donationLink, extensions);
    }
}
