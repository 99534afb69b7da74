package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks that run before a request body is even read: a blocked identity is refused from
 * this instance's cache, and status polling and beacons have their own generous per-IP
 * limits (docs/FAIR_USE.md). Which check applies comes from the {@link Gated} annotation of the
 * resource the request was matched to, so every spelling of a path and {@code HEAD} are gated as
 * the {@code GET} they run.
 * <p>
 * Every check that needs only memory runs on the event loop, before the request is handed to a
 * worker thread: a flood's refusals never wait for, or take, one of the worker pool's threads
 * (docs/PERFORMANCE.md, "The flood"). Only a signed-in caller's creation is checked on the worker
 * thread its resource runs on, since its token and account may need the network or the store.
 */
@ApplicationScoped
public class RequestGates {

    /** Set on a creation whose gate the event loop left to the worker thread. */
    private static final String LEFT_TO_WORKER = RequestGates.class.getName() + ".leftToWorker";

    private final RateLimiter limiter;
    private final IdentityResolver identities;
    private final LocalRateLimiter polling;
    private final LocalRateLimiter beacons;
    private final Map<String, Optional<Gated.Gate>> gates = new ConcurrentHashMap<>();

    public RequestGates(RateLimiter limiter, IdentityResolver identities, RateLimitConfig config, Clock clock) {
        this.limiter = limiter;
        this.identities = identities;
        this.polling = new LocalRateLimiter(config.pollingPerMinute(), clock);
        this.beacons = new LocalRateLimiter(config.beaconsPerMinute(), clock);
    }

    /**
     * The gates decided from memory, on the event loop. Quarkus runs non-blocking filters before
     * every other one, so this one goes first; the gated resources are neither admin nor internal
     * endpoints, whose filters it thereby precedes.
     */
    @ServerRequestFilter(nonBlocking = true, priority = Priorities.AUTHENTICATION - 100)
    public void gateInMemory(SimpleResourceInfo resource, HttpServerRequest http, ContainerRequestContext request) {
        Gated.Gate gate = gateOf(resource);
        if (gate == null) {
            return;
        }
        switch (gate) {
            case GENERATION -> {
                // an anonymous caller is its address: known without the store once the admins' blocks are loaded
                if (http.getHeader(HttpHeaders.AUTHORIZATION) != null || !limiter.checkBlockedInMemory(identities.anonymous(http))) {
                    request.setProperty(LEFT_TO_WORKER, Boolean.TRUE);
                }
            }
            case POLLING -> limit(polling, http, "You're checking on your jobs very often. Please wait");
            case BEACONS -> limit(beacons, http, "Too many events from this page. Please wait");
        }
    }

    /** A creation whose caller the event loop could not resolve from memory: a signed-in one, or the very first. */
    @ServerRequestFilter
    public void gate(HttpServerRequest http, ContainerRequestContext request) {
        if (request.getProperty(LEFT_TO_WORKER) != null) {
            limiter.checkBlocked(identities.resolve(http));
        }
    }

    /** The gate of the matched resource method, or of its class; null for none. */
    private Gated.Gate gateOf(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return null;
        }
        Class<?> type = resource.getResourceClass();
        String key = type.getName() + "#" + resource.getMethodName() + java.util.Arrays.toString(resource.parameterTypes());
        return gates.computeIfAbsent(key, k -> {
            try {
                Gated own = type.getMethod(resource.getMethodName(), resource.parameterTypes()).getAnnotation(Gated.class);
                if (own != null) {
                    return Optional.of(own.value());
                }
            } catch (NoSuchMethodException e) {
                // the class's gate, if any, below
            }
            Gated onClass = type.getAnnotation(Gated.class);
            return Optional.ofNullable(onClass == null ? null : onClass.value());
        }).orElse(null);
    }

    private void limit(LocalRateLimiter bucket, HttpServerRequest http, String message) {
        // in memory only: the address itself, no keyed hash on the busiest path (a /64 for IPv6)
        long wait = bucket.tryTake(identities.visitorAddress(identities.clientIp(http)));
        if (wait > 0) {
            throw new ProblemException(ErrorType.RATE_LIMITED, message + " " + RateLimiter.seconds(wait) + ".",
                    wait, null, Map.of());
        }
    }

    @Scheduled(every = "5m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        polling.prune();
        beacons.prune();
    }
}
