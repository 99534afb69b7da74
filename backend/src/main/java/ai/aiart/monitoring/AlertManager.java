package ai.aiart.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.config.AiartConfig;
import ai.aiart.core.ModelsMissing;
import ai.aiart.load.Hibernation;
import ai.aiart.load.RequestTracker;
import ai.aiart.load.ResourceMonitor;
import io.quarkus.scheduler.Scheduled;

/**
 * Opens an alert when a threshold is crossed and resolves it when clear (docs/OPERATIONS.md): one
 * open alert per instance and metric, no reopening within the cooldown after a resolution,
 * history kept in {@code alerts}, the webhook told of each change.
 *
 * <p>CPU, memory, errors and response time are each instance's own. Store commands are the
 * cluster's: all backends spend one store's budget, so that alert weighs their sum
 * ({@link StoreBudget}) and is kept under the instance name {@value #CLUSTER}.
 */
@ApplicationScoped
public class AlertManager {

    /** The figures an evaluation looks at. */
    public record Readings(double cpu, double memory, double errorRate, double responseMillis) {
    }

    /** The instance name of alerts about the whole cluster rather than one backend. */
    public static final String CLUSTER = "cluster";

    /** The metric of the model canary's alert. */
    public static final String MODELS = "models";

    private final AlertRepository alerts;
    private final AlertNotifier notifier;
    private final ResourceMonitor monitor;
    private final RequestTracker requests;
    private final AiartConfig config;
    private final AlertsConfig thresholds;
    private final Clock clock;
    private final StoreBudget storeBudget;

    public AlertManager(AlertRepository alerts, AlertNotifier notifier, ResourceMonitor monitor, RequestTracker requests,
            AiartConfig config, AlertsConfig thresholds, Clock clock, StoreBudget storeBudget) {
        this.storeBudget = storeBudget;
        this.alerts = alerts;
        this.notifier = notifier;
        this.monitor = monitor;
        this.requests = requests;
        this.config = config;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    @Scheduled(identity = "alert-evaluation", every = "{aiart.alerts.evaluate-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledEvaluation() {
        evaluate(new Readings(monitor.cpu(), monitor.memory(), requests.takeErrorRate(), requests.meanResponseMillis()));
        evaluateStoreOps();
    }

    /**
     * Evaluates every threshold against the readings; returns the alerts opened or resolved. The
     * instance's open alerts are read in one query (not one per metric): with nothing to change, an
     * evaluation costs the store one command.
     */
    public List<Alert> evaluate(Readings readings) {
        AlertsConfig limits = thresholds;
        Map<String, Alert> open = alerts.openByMetric(config.instance());
        List<Alert> changed = new ArrayList<>();
        check("cpu", readings.cpu(), limits.cpu(), "CPU at %.0f%% (threshold %.0f%%)", 100, open, changed);
        check("memory", readings.memory(), limits.memory(), "memory at %.0f%% (threshold %.0f%%)", 100, open, changed);
        check("error_rate", readings.errorRate(), limits.errorRate(), "%.1f%% of answers were errors (threshold %.1f%%)", 100, open, changed);
        check("response_time", readings.responseMillis(), limits.responseTime().toMillis(),
                "mean response time %.0f ms (threshold %.0f ms)", 1, open, changed);
        return changed;
    }

    /**
     * Evaluates the cluster's store commands a second against {@code aiart.alerts.store-ops} ×
     * {@code aiart.store.ops-budget}; only the evaluating instance ({@link StoreBudget.Reading#evaluator()})
     * opens or resolves it. The alert's value and threshold are shares of the budget.
     */
    public List<Alert> evaluateStoreOps() {
        StoreBudget.Reading reading = storeBudget.read();
        if (!reading.evaluator()) {
            return List.of();
        }
        double budget = storeBudget.budget();
        double share = reading.perSecond() / budget;
        double threshold = thresholds.storeOps();
        StringBuilder instances = new StringBuilder();
        reading.perInstance().forEach((name, rate) -> instances.append(instances.length() == 0 ? "" : ", ")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%.1f", rate)));
        String figures = String.format(Locale.ROOT,
                "store commands at %.1f a second from %d backend%s (%s), %.0f%% of the budget of %.0f a second (threshold %.0f%%)",
                reading.perSecond(), reading.perInstance().size(), reading.perInstance().size() == 1 ? "" : "s", instances,
                share * 100, budget, threshold * 100);
        List<Alert> changed = new ArrayList<>();
        check(CLUSTER, "store_ops", share, threshold, figures, alerts.open(CLUSTER, "store_ops"), changed);
        return changed;
    }

    /** What the model canary found ({@code provider/canary/ModelCanary}): {@link #evaluateModels}. */
    void onModels(@Observes ModelsMissing found) {
        evaluateModels(found.reasons());
    }

    /**
     * The model canary's alert (docs/PROVIDERS.md, "Model canary"): open while at least one configured
     * model is missing upstream, resolved when a later run finds them all; the cooldown applies as to
     * the others. Its value is the number of missing models, its message names each one.
     *
     * @param reasons one sentence per missing model, e.g. "gemini: text-to-image model x does not exist upstream …"
     */
    public List<Alert> evaluateModels(List<String> reasons) {
        String figures = reasons.isEmpty() ? "every configured model that can be checked exists upstream"
                : reasons.size() + " configured model" + (reasons.size() == 1 ? " is" : "s are") + " missing upstream: "
                        + String.join("; ", reasons);
        List<Alert> changed = new ArrayList<>();
        check(config.instance(), MODELS, reasons.size(), 0, figures, alerts.open(config.instance(), MODELS), changed);
        return changed;
    }

    private void check(String metric, double value, double threshold, String format, double scale, Map<String, Alert> open,
            List<Alert> changed) {
        check(config.instance(), metric, value, threshold, String.format(Locale.ROOT, format, value * scale, threshold * scale),
                Optional.ofNullable(open.get(metric)), changed);
    }

    private void check(String instance, String metric, double value, double threshold, String figures, Optional<Alert> open,
            List<Alert> changed) {
        Instant now = Instant.now(clock);
        if (value > threshold && open.isEmpty()) {
            var last = alerts.lastResolved(instance, metric);
            if (last.isPresent() && last.get().resolvedAt.plus(thresholds.cooldown()).isAfter(now)) {
                return; // it just resolved: wait out the cooldown before raising it again
            }
            Alert alert = new Alert();
            alert.instance = instance;
            alert.metric = metric;
            alert.status = "open";
            alert.value = value;
            alert.openedValue = value; // the message states this one; value becomes the peak
            alert.threshold = threshold;
            alert.openedAt = now;
            alert.message = "AiArt " + instance + ": " + figures;
            alerts.persist(alert);
            notifier.notify("🔴 " + alert.message);
            changed.add(alert);
        } else if (value <= threshold && open.isPresent()) {
            Alert alert = open.get();
            alert.status = "resolved";
            alert.resolvedAt = now;
            alerts.update(alert);
            notifier.notify("✅ Resolved — AiArt " + instance + ": " + figures);
            changed.add(alert);
        } else if (open.isPresent()) {
            Alert alert = open.get();
            alert.value = Math.max(alert.value, value);
            alerts.update(alert);
        }
    }
}
