package ai.aiart.monitoring;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import ai.aiart.core.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * Notes why a REST answer refused the caller, for the traffic roll-up's {@code refusals}: the
 * request hook of {@link MonitoringStore} only sees the status when the answer ends, and a 429
 * says neither whether it was the caller's own allowance, a shared one or a block.
 */
public class RefusalReasons {

    /** The routing-context key the reason is kept under until the answer ends. */
    static final String KEY = "aiart.refusal";

    @ServerResponseFilter
    public void note(ContainerResponseContext response, RoutingContext ctx) {
        int status = response.getStatus();
        if (status != 429 && status != 503) {
            return;
        }
        String type = response.getEntity() instanceof Problem problem ? problem.errorType() : null;
        String reason = TrafficRollup.refusalOf(status, type, response.getHeaderString("RateLimit-Policy"));
        if (reason != null) {
            ctx.put(KEY, reason);
        }
    }
}
