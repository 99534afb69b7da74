package ai.aiart.admin;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import ai.aiart.auth.AuthProblems;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.SignedIn;

/**
 * Guards every REST endpoint under {@code /api/v1/admin}: 401 without a (valid) sign-in, 403
 * for a signed-in caller without the admin role. It goes by the matched resource's path as
 * well as the request path, so a new admin resource is guarded without doing anything, and a
 * path spelled oddly ({@code //}, {@code ./}) cannot slip past.
 */
public class AdminGate {

    public static final String PREFIX = "/api/v1/admin";

    private final IdentityResolver identities;
    private final Map<Method, Boolean> adminMethods = new ConcurrentHashMap<>();

    public AdminGate(IdentityResolver identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void gate(ContainerRequestContext context, SimpleResourceInfo resource,
            io.vertx.core.http.HttpServerRequest http) {
        if (!isAdminPath(context.getUriInfo().getPath()) && !isAdminResource(resource)) {
            return;
        }
        SignedIn who = identities.signedIn(http)
                .orElseThrow(() -> AuthProblems.signInRequired("This is for AiArt's admins: please sign in."));
        if (!who.admin()) {
            throw AuthProblems.forbidden("This is for AiArt's admins only.");
        }
    }

    /** Whether a request path (decoded) lies under the admin API, after normalizing it. */
    static boolean isAdminPath(String path) {
        if (path == null) {
            return false;
        }
        String normalized;
        try {
            normalized = URI.create("/" + path.replaceAll("/{2,}", "/").replaceFirst("^/+", "")).normalize().getPath();
        } catch (IllegalArgumentException e) {
            normalized = path.replaceAll("/{2,}", "/");
        }
        return normalized.equals(PREFIX) || normalized.startsWith(PREFIX + "/");
    }

    private boolean isAdminResource(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        try {
            Method method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
            return adminMethods.computeIfAbsent(method, m -> isAdminPath(template(m)));
        } catch (NoSuchMethodException e) {
            Path type = resource.getResourceClass().getAnnotation(Path.class);
            return type != null && isAdminPath(type.value());
        }
    }

    private static String template(Method method) {
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        return "/" + (type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value());
    }
}
