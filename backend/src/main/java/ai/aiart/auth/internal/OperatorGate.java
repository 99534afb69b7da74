package ai.aiart.auth.internal;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.auth.AuthConfig;
import ai.aiart.auth.AuthConfig.OperatorEndpoints;
import ai.aiart.auth.CallersConfig;
import ai.aiart.auth.Secrets;
import ai.aiart.core.ErrorType;
import ai.aiart.web.FallbackRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the operator endpoints — everything under {@code /q/} but the health checks the platforms
 * probe, and {@code /api/v1/backends} — for callers with the internal key ({@code X-Internal-Key})
 * when {@code aiart.auth.operator-endpoints} is {@code internal} (the default; dev and test set
 * {@code open}). A Vert.x route ahead of every other, because {@code /q/metrics} and
 * {@code /q/openapi} are not REST resources that {@link InternalKeyFilter} could guard. Paths are
 * judged after decoding and normalizing, so {@code /q/%6Detrics} or {@code /q/./metrics} are
 * guarded as well.
 */
@ApplicationScoped
public class OperatorGate {

    private final OperatorEndpoints access;
    private final Optional<String> key;
    private final ObjectMapper json;

    public OperatorGate(AuthConfig config, CallersConfig callers, ObjectMapper json) {
        this.access = config.operatorEndpoints();
        this.key = callers.internalApiKey().filter(k -> !k.isBlank());
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-4).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        if (access == OperatorEndpoints.OPEN || !isOperatorPath(ctx.request().path())) {
            ctx.next();
            return;
        }
        if (key.isEmpty()) {
            FallbackRoutes.send(ctx, json, ErrorType.FORBIDDEN,
                    "This is for AiArt's operators, and no aiart.internal-api-key is configured on this server.");
        } else if (!Secrets.matches(ctx.request().getHeader(InternalKeyFilter.HEADER), key.get())) {
            FallbackRoutes.send(ctx, json, ErrorType.UNAUTHORIZED,
                    "This is for AiArt's operators: send the internal key in " + InternalKeyFilter.HEADER + ".");
        } else {
            ctx.next();
        }
    }

    /** Whether a raw request path names an operator endpoint, however it is spelled. */
    static boolean isOperatorPath(String raw) {
        String path = normalize(raw);
        if (path.equals("/q") || path.startsWith("/q/")) {
            return !(path.equals("/q/health") || path.startsWith("/q/health/"));
        }
        return path.equals("/api/v1/backends") || path.startsWith("/api/v1/backends/");
    }

    private static String normalize(String raw) {
        if (raw == null) {
            return "/";
        }
        String path = raw;
        // decoded repeatedly: a router that decodes once more must not see what the gate did not
        for (int i = 0; i < 3 && path.indexOf('%') >= 0; i++) {
            path = decode(path);
        }
        path = path.replace('\\', '/').replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
        try {
            path = URI.create("/" + path.replaceFirst("^/+", "").replace(" ", "%20")).normalize().getPath();
        } catch (IllegalArgumentException e) {
            // not a URI the router would match either; judged as it stands
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        while (path.startsWith("/../") || path.equals("/..")) {
            path = path.length() > 3 ? path.substring(3) : "/"; // above the root is the root, for the router too
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String decode(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
