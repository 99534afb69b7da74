package ai.aiart.auth.internal;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aiart.auth.Secrets;
import ai.aiart.web.ErrorType;
import ai.aiart.web.ProblemException;

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

    private final Optional<String> expected;

    /**
     * @param key {@code aiart.internal-api-key} (environment {@code AIART_INTERNAL_API_KEY}): the same
     *            secret on every backend. Read by name rather than through {@code AiartConfig} so the
     *            key keeps the short name peers and deployments use.
     */
    public InternalKeyFilter(@ConfigProperty(name = "aiart.internal-api-key") Optional<String> key) {
        this.expected = key.filter(k -> !k.isBlank());
    }

    @Override
    public void filter(ContainerRequestContext request) {
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
