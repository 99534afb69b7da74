package ai.aiart.health;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.NonBlocking;

import ai.aiart.config.AiartConfig;
import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;
import ai.aiart.load.Hibernation;
import ai.aiart.load.QueueStats;
import ai.aiart.load.ResourceMonitor;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.ProviderChain;
import ai.aiart.web.ProblemResponses;

/**
 * {@code GET /api/v1/health}: cheap, from values already at hand, never waiting on the store
 * or an upstream. 200 while the instance can serve (healthy or degraded); 503 in the problem
 * format, with the same figures under {@code health}, when it cannot reach its store.
 *
 * <p>It answers on the event loop ({@link NonBlocking}): nothing in it or in the request filters
 * it passes waits on I/O, and a burst that occupies the worker threads must not hold up the
 * probes that decide whether this instance is alive (measured in docs/PERFORMANCE.md).
 */
@Path("/api/v1/health")
public class HealthResource {

    /** Load above which the instance reports itself degraded. */
    private static final double DEGRADED_LOAD = 0.8;

    private final QueueStats queue;
    private final ResourceMonitor monitor;
    private final ProviderChain providers;
    private final AiartConfig config;
    private final String version;
    private final Clock clock;
    private final Hibernation hibernation;

    public HealthResource(QueueStats queue, ResourceMonitor monitor, ProviderChain providers, AiartConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version, Clock clock, Hibernation hibernation) {
        this.hibernation = hibernation;
        this.queue = queue;
        this.monitor = monitor;
        this.providers = providers;
        this.config = config;
        this.version = version;
        this.clock = clock;
    }

    /**
     * The figures of {@code /api/v1/health}. {@code queueMax} is {@code aiart.queue.max}: with
     * {@code queueLength} it tells a visitor refused for a full queue when a request can be accepted
     * again, without trying one (issue #15). {@code providers} gives each provider's state (up, down,
     * open, misconfigured); {@code misconfigured} gives, for each provider in that state, the kinds
     * whose configured model is missing upstream and why, in words (the model canary, docs/PROVIDERS.md).
     */
    public record Health(String status, Instant timestamp, double load, long queueLength, long queueMax, boolean hibernating,
            String instance, String version, Map<String, String> providers, Map<String, Map<String, String>> misconfigured) {
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Health health = current();
        if ("down".equals(health.status())) {
            Problem problem = Problem.of(ErrorType.RESOURCE_LIMIT,
                    "This AiArt server cannot reach its database right now.", 5L, null, Map.of("health", health));
            return ProblemResponses.of(problem);
        }
        return Response.ok(health).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    public Health current() {
        double load = Math.round(monitor.load() * 1000) / 1000.0;
        String status = !queue.storeReachable() ? "down" : load > DEGRADED_LOAD ? "degraded" : "healthy";
        Map<String, String> states = new LinkedHashMap<>();
        for (ImageProvider provider : providers.all()) {
            states.put(provider.name(), providers.state(provider));
        }
        return new Health(status, Instant.now(clock), load, queue.queued(), queue.max(), hibernation.hibernating(), config.instance(), version, states,
                providers.misconfiguredReasons());
    }
}
