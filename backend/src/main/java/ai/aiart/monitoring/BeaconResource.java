package ai.aiart.monitoring;

import java.time.Clock;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.mongodb.client.MongoClient;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aiart.auth.IdentityResolver;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/v1/analytics/events}: page-view and click beacons from the site. */
@Path("/api/v1/analytics/events")
public class BeaconResource {

    /** A beacon. */
    public record Beacon(
            @NotNull(message = "The event type is missing.")
            @Pattern(regexp = "page_view|click", message = "The event type must be page_view or click.") String type,
            @NotNull(message = "The page is missing.")
            @Size(max = 200, message = "The page is at most 200 characters.") String page,
            @Size(max = 100, message = "The target is at most 100 characters.") String target) {
    }

    private final MongoClient mongo;
    private final String database;
    private final IdentityResolver identities;
    private final Clock clock;

    public BeaconResource(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            IdentityResolver identities, Clock clock) {
        this.mongo = mongo;
        this.database = database;
        this.identities = identities;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(@NotNull(message = "Send a JSON object with type and page.") @Valid Beacon beacon,
            HttpServerRequest http) {
        PageEvent event = new PageEvent();
        event.at = Instant.now(clock);
        event.type = beacon.type();
        event.page = beacon.page();
        event.target = beacon.target();
        event.ipHash = identities.hashIp(identities.clientIp(http));
        mongo.getDatabase(database).getCollection("page_events", PageEvent.class).insertOne(event);
        return Response.accepted().build();
    }
}
