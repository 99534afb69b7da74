package ai.aiart.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.core.Identity;
import ai.aiart.ratelimit.Limits;
import ai.aiart.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /api/v1/limits}: the caller's tier, policy, tokens and grace left, next refill. */
@Path("/api/v1/limits")
public class LimitsResource {

    private final RateLimiter limiter;
    private final IdentityResolver identities;

    public LimitsResource(RateLimiter limiter, IdentityResolver identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    /** The answer of {@code /limits}. */
    /**
     * {@code retry_after_seconds}: what a refused request would be told to wait now (0 while one
     * would be accepted), with the load's back-off in it; {@code load_backoff}: that factor (1 unless
     * the instance is loaded); {@code over_limit}: what a request over the allowance gets, {@code refuse}
     * (429) or {@code defer} (accepted into the deferred lane, docs/FAIR_USE.md "Soft throttling").
     */
    public record LimitsAnswer(String tier, Policy policy, int tokensLeft, int graceLeft, long nextRefillSeconds,
            long fullInSeconds, boolean reducedForLoad, long blockedSeconds, long retryAfterSeconds, int loadBackoff,
            String overLimit) {
    }

    /** Requests a window: the tier's bucket. */
    public record Policy(String name, int limit, long windowSeconds) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response limits(HttpServerRequest http) {
        Identity who = identities.resolve(http);
        RateLimiter.LimitsView view = limiter.peek(who);
        Limits limits = view.limits();
        LimitsAnswer answer = new LimitsAnswer(who.tier().wire(),
                new Policy(limits.policy(), limits.capacity(), limits.windowSeconds()),
                view.tokensLeft(), view.graceLeft(), view.nextRefillSeconds(), view.resetSeconds(), limits.reduced(),
                view.blockedSeconds(), view.retryAfterSeconds(), limits.backoff(), limiter.defersOverLimit() ? "defer" : "refuse");
        Response.ResponseBuilder response = Response.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store");
        view.admission().headers().forEach(response::header);
        return response.build();
    }
}
