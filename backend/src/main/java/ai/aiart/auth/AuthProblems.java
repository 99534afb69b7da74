package ai.aiart.auth;

import java.util.Map;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/** The problem answers of sign-in, with the {@code WWW-Authenticate} header of RFC 6750. */
public final class AuthProblems {

    private AuthProblems() {
    }

    /** No sign-in where one is needed. */
    public static ProblemException signInRequired(String message) {
        return new ProblemException(ErrorType.UNAUTHORIZED, message, null, null, Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"aiart\""));
    }

    /** A token (or Authorization header) that was sent but cannot be accepted. */
    public static ProblemException invalidToken(String message) {
        return new ProblemException(ErrorType.UNAUTHORIZED, message, null, null, Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"aiart\", error=\"invalid_token\""));
    }

    /** Signed in, but not allowed. */
    public static ProblemException forbidden(String message) {
        return new ProblemException(ErrorType.FORBIDDEN, message);
    }
}
