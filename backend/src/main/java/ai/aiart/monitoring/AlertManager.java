package ai.aiart.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.load.Hibernation;
import ai.aiart.load.RequestTracker;
import ai.aiart.load.ResourceMonitor;
import io.quarkus.scheduler.Scheduled;

/**
 * Opens an alert when a threshold is crossed and resolves it when clear (DESIGN §7): one
 * open alert per instance and metric, no reopening within the cooldown after a resolution,
 * history kept in {@code alerts}, the webhook told of each change.
 */
@ApplicationScoped
public class AlertManager {

    /** The figures an evaluation looks at. */
    public record Readings(double cpu, double memory, double errorRate, double responseMillis) {
    }

    private final AlertRepository alerts;
    private final AlertNotifier notifier;
    private final ResourceMonitor monitor;
    private final RequestTracker requests;
    private final AiartConfig config;
    private final Clock clock;

    public AlertManager(AlertRepository alerts, AlertNotifier notifier, ResourceMonitor monitor, RequestTracker requests,
            AiartConfig config, Clock clock) {
        this.alerts = alerts;
        this.notifier = notifier;
        this.monitor = monitor;
        this.requests = requests;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "alert-evaluation", every = "{aiart.alerts.evaluate-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledEvaluation() {
        evaluate(new Readings(monitor.cpu(), monitor.memory(), requests.takeErrorRate(), requests.meanResponseMillis()));
    }

    /** Evaluates every threshold against the readings; returns the alerts opened or resolved. */
    public List<Alert> evaluate(Readings readings) {
        AiartConfig.Alerts limits = config.alerts();
        List<Alert> changed = new ArrayList<>();
        check("cpu", readings.cpu(), limits.cpu(), "CPU at %.0f%% (threshold %.0f%%)", 100, changed);
        check("memory", readings.memory(), limits.memory(), "memory at %.0f%% (threshold %.0f%%)", 100, changed);
        check("error_rate", readings.errorRate(), limits.errorRate(), "%.1f%% of answers were errors (threshold %.1f%%)", 100, changed);
        check("response_time", readings.responseMillis(), limits.responseTime().toMillis(),
                "mean response time %.0f ms (threshold %.0f ms)", 1, changed);
        return changed;
    }

    private void check(String metric, double value, double threshold, String format, double scale, List<Alert> changed) {
        Instant now = Instant.now(clock);
        String instance = config.instance();
        var open = alerts.open(instance, metric);
        String figures = String.format(Locale.ROOT, format, value * scale, threshold * scale);
        if (value > threshold && open.isEmpty()) {
            var last = alerts.lastResolved(instance, metric);
            if (last.isPresent() && last.get().resolvedAt.plus(config.alerts().cooldown()).isAfter(now)) {
                return; // it just resolved: wait out the cooldown before raising it again
            }
            Alert alert = new Alert();
            alert.instance = instance;
            alert.metric = metric;
            alert.status = "open";
            alert.value = value;
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
