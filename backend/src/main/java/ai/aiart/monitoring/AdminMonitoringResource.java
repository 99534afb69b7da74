package ai.aiart.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;

import ai.aiart.core.ProblemException;

/**
 * The operator's figures: analytics, resource history, the store budget, alerts and errors.
 * Under {@code /api/v1/admin}, so only admins reach them.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminMonitoringResource {

    private final AnalyticsService analytics;
    private final AlertRepository alerts;
    private final StoreBudget storeBudget;
    private final AlertsConfig config;

    public AdminMonitoringResource(AnalyticsService analytics, AlertRepository alerts, StoreBudget storeBudget, AlertsConfig config) {
        this.analytics = analytics;
        this.alerts = alerts;
        this.storeBudget = storeBudget;
        this.config = config;
    }

    /**
     * The store's budget now: the cluster's commands a second (this instance live, the other live
     * instances from their latest snapshots), its share of {@code aiart.store.ops-budget}, and the
     * share at which the alert opens.
     */
    public record StoreBudgetView(double budget, double alertShare, double perSecond, double share, Map<String, Double> instances) {
    }

    @GET
    @Path("/store")
    public StoreBudgetView store() {
        StoreBudget.Reading reading = storeBudget.read();
        Map<String, Double> instances = new LinkedHashMap<>();
        reading.perInstance().forEach((name, rate) -> instances.put(name, round(rate)));
        return new StoreBudgetView(storeBudget.budget(), config.storeOps(), round(reading.perSecond()),
                Math.round(reading.perSecond() / storeBudget.budget() * 10_000) / 10_000.0, instances);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * {@code ?days=N}: whole UTC days, one bucket a day (7 without either parameter); {@code ?hours=N}:
     * the last N hours, one bucket per UTC hour (the dashboard's 24 h view). Not both.
     */
    @GET
    @Path("/analytics")
    public AnalyticsService.Report analytics(@QueryParam("days") Integer days, @QueryParam("hours") Integer hours) {
        if (days != null && hours != null) {
            throw ProblemException.validation("Ask for 'days' or 'hours', not both.");
        }
        if (hours != null) {
            return analytics.hourly(within(hours, 1, 7 * 24, "hours"));
        }
        return analytics.report(within(days == null ? 7 : days, 1, 90, "days"));
    }

    /**
     * The resource history of the last {@code hours} hours (1 to 720): each instance's snapshots
     * downsampled by the store into buckets fit for the period (a minute up to 24 hours, 10 minutes
     * for 7 days, 30 for 30 days), oldest first ({@link ResourceHistory}).
     */
    @GET
    @Path("/metrics/history")
    public ResourceHistory.History metricsHistory(@QueryParam("hours") @DefaultValue("24") int hours) {
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
