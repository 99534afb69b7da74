package ai.aiart.monitoring;

import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.ratelimit.Gated;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.web.Violations;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/v1/analytics/events}: page-view and click beacons from the site. */
@Path("/api/v1/analytics/events")
@Gated(Gated.Gate.BEACONS)
public class BeaconResource {

    /** A beacon. */
    public record Beacon(String type, String page, String target) {

        private static final Pattern TYPES = Pattern.compile("page_view|click");

        void check() {
            new Violations()
                    .notNull("type", type, "The event type is missing.")
                    .matches("type", type, TYPES, "The event type must be page_view or click.")
                    .notNull("page", page, "The page is missing.")
                    .maxLength("page", page, 200, "The page is at most 200 characters.")
                    .maxLength("target", target, 100, "The target is at most 100 characters.")
                    .throwIfAny();
        }
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
    public Response record(Beacon beacon, HttpServerRequest http) {
        Violations.requireBody(beacon, "beacon", "Send a JSON object with type and page.").check();
        monitoring.pageEvent(beacon.type(), beacon.page(), beacon.target(), identities.visitorHash(http));
        return Response.accepted().build();
    }
}
