package ai.aiart.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses browsers on origins other than the configured frontends ({@code quarkus.http.cors.origins},
 * set from {@code aiart.cors.origins}) in the problem format. Quarkus' own CORS filter would
 * refuse them too, with an empty 403; this route runs just before it with the same rule
 * (listed origin, {@code /regex/} entry, {@code *}, or the backend's own origin) and everything
 * it lets through is handled by that filter as before.
 */
@ApplicationScoped
public class CorsGuard {

    /** Quarkus' CORS filter runs at route order -300 (its security priority 300). */
    static final int ORDER = -310;

    private final boolean enabled;
    private final List<String> origins;
    private final List<Pattern> patterns;
    private final boolean any;
    private final ObjectMapper json;

    public CorsGuard(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins, ObjectMapper json) {
        List<String> configured = origins.orElse(List.of()).stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        this.enabled = enabled;
        this.origins = configured;
        this.patterns = configured.stream().filter(o -> o.length() > 2 && o.startsWith("/") && o.endsWith("/"))
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
        this.any = configured.size() == 1 && (configured.get(0).equals("*") || configured.get(0).equals("/.*/"));
        this.json = json;
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || allowed(origin, ctx.request())) {
            ctx.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(ErrorType.FORBIDDEN,
                    "This website (" + origin + ") may not use the AiArt API from a browser.", null, null, null));
        } catch (JsonProcessingException e) {
            body = "{\"success\":false,\"error_type\":\"forbidden\",\"status\":403}";
        }
        ctx.response().setStatusCode(403)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN)
                .end(body);
    }

    boolean allowed(String origin, HttpServerRequest request) {
        return any || origins.contains(origin) || patterns.stream().anyMatch(p -> p.matcher(origin).matches())
                || sameOrigin(request.scheme(), request.host(), origin);
    }

    /** Whether {@code origin} is the backend's own ({@code scheme://host[:port]}, default ports implied). */
    static boolean sameOrigin(String scheme, String host, String origin) {
        if (scheme == null || host == null) {
            return false;
        }
        try {
            URI own = URI.create(scheme + "://" + host);
            URI other = URI.create(origin);
            return scheme.equalsIgnoreCase(other.getScheme()) && own.getHost() != null
                    && own.getHost().equalsIgnoreCase(other.getHost())
                    && port(own) == port(other) && (other.getRawPath() == null || other.getRawPath().isEmpty());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
