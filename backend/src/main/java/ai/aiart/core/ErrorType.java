package ai.aiart.core;

import java.util.Locale;

/** The {@code error_type} of a problem answer (docs/ARCHITECTURE.md, "Errors"), with its HTTP status and title. */
public enum ErrorType {
    VALIDATION(400, "Invalid request"),
    UNAUTHORIZED(401, "Sign-in required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    /** Not in the error types first agreed on: a known path called with a method it does not offer. */
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** Not in the error types first agreed on: the client accepts no type this endpoint produces. */
    NOT_ACCEPTABLE(406, "Not acceptable"),
    /** Not in the error types first agreed on: a request body that took too long to arrive. */
    REQUEST_TIMEOUT(408, "Request timeout"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** Not in the error types first agreed on: a request line over the limit ({@code web/FallbackRoutes}). */
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** Not in the error types first agreed on: a result's {@code Range} starts past its end (docs/GENERATION.md). */
    RANGE_NOT_SATISFIABLE(416, "Range not satisfiable"),
    RATE_LIMITED(429, "Too many requests"),
    /** Not in the error types first agreed on: request headers over the limit ({@code web/FallbackRoutes}). */
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    BLOCKED(429, "Temporarily blocked"),
    INTERNAL(500, "Internal error"),
    RESOURCE_LIMIT(503, "Busy"),
    PROVIDER_UNAVAILABLE(503, "Provider unavailable");

    private final int status;
    private final String title;

    ErrorType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire name, e.g. {@code rate_limited}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for an HTTP status that carries no more specific meaning. */
    public static ErrorType forStatus(int status) {
        for (ErrorType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
