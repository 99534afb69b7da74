package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
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
 */
@ApplicationScoped
public class RequestGates {

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

    @ServerRequestFilter
    public void gate(SimpleResourceInfo resource, HttpServerRequest http) {
        Gated.Gate gate = gateOf(resource);
        if (gate == null) {
            return;
        }
        switch (gate) {
            case GENERATION -> limiter.checkBlocked(identities.resolve(http));
            case POLLING -> limit(polling, http, "You're checking on your jobs very often. Please wait");
            case BEACONS -> limit(beacons, http, "Too many events from this page. Please wait");
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
