package ai.aiart.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.generation.RetentionConfig;
import ai.aiart.monitoring.MonitoringConfig;
import ai.aiart.ratelimit.RateLimitConfig;


/**
 * {@code GET /api/v1/privacy}: the figures the privacy page states — how long each kind of stored
 * data is kept, read from the settings this backend applies (so the page cannot drift from them),
 * and the contact address. From configuration only: no store command.
 */
@Path("/api/v1/privacy")
public class PrivacyResource {

    /** The settings change only with a restart; a visitor's browser may keep the answer this long. */
    private static final String CACHE = "public, max-age=300";

    private final RetentionConfig retention;
    private final MonitoringConfig monitoring;
    private final RateLimitConfig limits;
    private final SiteConfig site;

    public PrivacyResource(RetentionConfig retention, MonitoringConfig monitoring, RateLimitConfig limits, SiteConfig site) {
        this.retention = retention;
        this.monitoring = monitoring;
        this.limits = limits;
        this.site = site;
    }

    /** The answer: the contact address and the retention figures. */
    public record Privacy(String contactEmail, Retention retention) {
    }

    /**
     * Seconds each kind of data is kept. {@code creations}: jobs (prompts, settings, the request's
     * idempotency key), results and the hashed IP or account they are filed under
     * ({@code aiart.retention}); {@code requestLog}: the per-minute traffic roll-ups (hashed IPs,
     * paths, pages, response times), metric snapshots and error records
     * ({@code aiart.monitoring.keep}); {@code fairUse}: a visitor's rate-limit state after their last
     * creation ({@code aiart.rate-limit.forget-after}).
     */
    public record Retention(long creationsSeconds, long requestLogSeconds, long fairUseSeconds) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response privacy() {
        return Response.ok(current()).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }

    public Privacy current() {
        return new Privacy(site.contactEmail(), new Retention(
                retention.retention().toSeconds(),
                monitoring.keep().toSeconds(),
                limits.forgetAfter().toSeconds()));
    }
}
