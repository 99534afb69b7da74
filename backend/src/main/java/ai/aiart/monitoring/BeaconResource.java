package ai.aiart.monitoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.ratelimit.Gated;
import ai.aiart.auth.IdentityResolver;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/v1/analytics/events}: page-view and click beacons from the site. */
@Path("/api/v1/analytics/events")
@Gated(Gated.Gate.BEACONS)
public class BeaconResource {

    /** A beacon. */
    public record Beacon(
            @NotNull(message = "The event type is missing.")
            @Pattern(regexp = "page_view|click", message = "The event type must be page_view or click.") String type,
            @NotNull(message = "The page is missing.")
            @Size(max = 200, message = "The page is at most 200 characters.") String page,
            @Size(max = 100, message = "The target is at most 100 characters.") String target) {
    }

    private final MonitoringStore monitoring;
    private final IdentityResolver identities;

    public BeaconResource(MonitoringStore monitoring, IdentityResolver identities) {
        this.monitoring = monitoring;
        this.identities = identities;
    }

    /**
     * Counted into the current minute of the traffic roll-up (written once the minute closes): no store
     * command per beacon. {@code text/plain} carries the same JSON: it is what {@code navigator.sendBeacon}
     * sends to another origin ({@link PlainTextBeaconReader}).
     */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response record(@NotNull(message = "Send a JSON object with type and page.") @Valid Beacon beacon,
            HttpServerRequest http) {
        monitoring.pageEvent(beacon.type(), beacon.page(), beacon.target(), identities.visitorHash(http));
        return Response.accepted().build();
    }
}
