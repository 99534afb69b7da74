package ai.aiart.auth.internal;

import java.time.Clock;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import ai.aiart.config.AiartConfig;

/** {@code GET /api/v1/internal/ping}: lets a peer check that it shares this backend's internal key. */
@Path("/api/v1/internal/ping")
@InternalOnly
public class InternalResource {

    private final AiartConfig config;
    private final Clock clock;

    public InternalResource(AiartConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public record Pong(String instance, Instant time) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        return new Pong(config.instance(), clock.instant());
    }
}
