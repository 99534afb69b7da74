package ai.aiart.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;

/** Builds JAX-RS responses that carry a {@link Problem}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem);
        if (problem.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.retryAfter());
        }
        return builder.build();
    }

    public static Response of(ErrorType type, String message) {
        return of(Problem.of(type, message, null, null, null));
    }
}
