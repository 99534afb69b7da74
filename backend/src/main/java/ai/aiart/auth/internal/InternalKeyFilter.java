package ai.aiart.auth.internal;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import ai.aiart.auth.CallersConfig;
import ai.aiart.auth.Secrets;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/**
 * Lets through to {@link InternalOnly} endpoints only callers that send the shared key
 * ({@code aiart.internal-api-key}) in {@code X-Internal-Key}: 401 when it is missing or wrong
 * (compared in constant time); 403 for every call when no key is configured, which disables
 * internal endpoints.
 */
@Provider
@InternalOnly
@Priority(Priorities.AUTHENTICATION)
public class InternalKeyFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Internal-Key";

    private final Instance<CallersConfig> config;
    private volatile Optional<String> expected;

    /** Providers are created before run-time configuration exists: the key is read at the first request. */
    public InternalKeyFilter(Instance<CallersConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> expected = this.expected;
        if (expected == null) {
            expected = config.get().internalApiKey().filter(k -> !k.isBlank());
            this.expected = expected;
        }
        if (expected.isEmpty()) {
            throw new ProblemException(ErrorType.FORBIDDEN,
                    "Internal endpoints are disabled on this server: no aiart.internal-api-key is configured.");
        }
        if (!Secrets.matches(request.getHeaderString(HEADER), expected.get())) {
            throw new ProblemException(ErrorType.UNAUTHORIZED,
                    "This endpoint is for AiArt's own servers: send the shared key in " + HEADER + ".");
        }
    }
}
