package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.config.AiartConfig;
import ai.aiart.web.ErrorType;
import ai.aiart.web.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks that run before a request body is even read: a blocked identity is refused from
 * this instance's cache, and status polling and beacons have their own generous per-IP
 * limits (docs/FAIR_USE.md).
 */
@ApplicationScoped
public class RequestGates {

    private final RateLimiter limiter;
    private final IdentityResolver identities;
    private final LocalRateLimiter polling;
    private final LocalRateLimiter beacons;

    public RequestGates(RateLimiter limiter, IdentityResolver identities, AiartConfig config, Clock clock) {
        this.limiter = limiter;
        this.identities = identities;
        this.polling = new LocalRateLimiter(config.rateLimit().pollingPerMinute(), clock);
        this.beacons = new LocalRateLimiter(config.rateLimit().beaconsPerMinute(), clock);
    }

    @ServerRequestFilter
    public void gate(ContainerRequestContext context, HttpServerRequest http) {
        String path = http.path();
        if (path.startsWith("/api/v1/generate/")) {
            limiter.checkBlocked(identities.resolve(http));
        } else if (path.startsWith("/api/v1/jobs/") && "GET".equals(http.method().name())) {
            limit(polling, http, "You're checking on your jobs very often. Please wait");
        } else if (path.startsWith("/api/v1/analytics/")) {
            limit(beacons, http, "Too many events from this page. Please wait");
        }
    }

    private void limit(LocalRateLimiter bucket, HttpServerRequest http, String message) {
        long wait = bucket.tryTake(identities.clientIp(http));
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
