package ai.aiart.monitoring;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;

import ai.aiart.web.ProblemException;

/**
 * The operator's figures: analytics, resource history, alerts and errors. Under
 * {@code /api/v1/admin}, so only admins reach them.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminMonitoringResource {

    private final AnalyticsService analytics;
    private final AlertRepository alerts;

    public AdminMonitoringResource(AnalyticsService analytics, AlertRepository alerts) {
        this.analytics = analytics;
        this.alerts = alerts;
    }

    @GET
    @Path("/analytics")
    public AnalyticsService.Report analytics(@QueryParam("days") @DefaultValue("7") int days) {
        return analytics.report(within(days, 1, 90, "days"));
    }

    @GET
    @Path("/metrics/history")
    public List<Document> metricsHistory(@QueryParam("hours") @DefaultValue("24") int hours) {
        return analytics.resourceHistory(within(hours, 1, 24 * 30, "hours"));
    }

    @GET
    @Path("/alerts")
    public List<Alert> alerts(@QueryParam("limit") @DefaultValue("100") int limit) {
        return alerts.recent(within(limit, 1, 1000, "limit"));
    }

    @GET
    @Path("/errors")
    public List<Document> errors(@QueryParam("limit") @DefaultValue("50") int limit) {
        return analytics.recentErrors(within(limit, 1, 500, "limit"));
    }

    private static int within(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw ProblemException.validation("'" + name + "' must be from " + min + " to " + max + ".");
        }
        return value;
    }
}
