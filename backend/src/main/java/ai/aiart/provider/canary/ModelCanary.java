package ai.aiart.provider.canary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import ai.aiart.core.JobKind;
import ai.aiart.core.ModelsMissing;
import ai.aiart.load.Hibernation;
import ai.aiart.provider.ProviderChain;
import ai.aiart.provider.canary.ModelCheck.Outcome;
import ai.aiart.provider.canary.ModelCheck.Result;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The model canary (docs/PROVIDERS.md, "Model canary"): shortly after start-up, in the background, and
 * then every {@code aiart.providers.canary.every} while the instance is awake, each provider with a
 * key is asked whether the models its configuration names exist, with a call that makes nothing.
 * A model the service plainly does not know marks that provider's kind {@code misconfigured} in
 * {@link ProviderChain} (skipped for that kind, shown in {@code /api/v1/health}) until a later run
 * finds it; an unclear answer (network, key, 5xx) changes nothing. Each change is logged once, and
 * told as {@link ModelsMissing}, from which monitoring opens or resolves its {@code models} alert.
 */
@ApplicationScoped
public class ModelCanary {

    /** What the last run found for one provider's kind. */
    public record Finding(String provider, JobKind kind, String model, Outcome outcome, String reason) {
    }

    private final List<ModelCheck> checks;
    private final ProviderChain chain;
    private final Event<ModelsMissing> alerts;
    /** The reasons of the last run, provider → kind → reason; logged again only when they change. */
    private Map<String, Map<JobKind, String>> lastMissing = Map.of();
    private List<Finding> lastFindings = List.of();
    private boolean ran;
    /** The missing models the alert was last told of. */
    private Map<String, Map<JobKind, String>> alerted = Map.of();
    private boolean alertedOnce;

    @Inject
    public ModelCanary(Instance<ModelCheck> checks, ProviderChain chain, Event<ModelsMissing> alerts) {
        this(checks.stream().toList(), chain, alerts);
    }

    ModelCanary(List<ModelCheck> checks, ProviderChain chain, Event<ModelsMissing> alerts) {
        this.checks = checks;
        this.chain = chain;
        this.alerts = alerts;
    }

    // delayed: readiness never waits on an upstream; the first check follows soon after start-up
    @Scheduled(identity = "model-canary", every = "{aiart.providers.canary.every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledRun() {
        run();
    }

    /** Checks every configured provider's models now; returns what it found, one finding per provider and kind. */
    public synchronized List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        for (ModelCheck check : checks) {
            if (!check.configured()) {
                continue;
            }
            Map<String, Result> asked = new HashMap<>(); // a model named for two kinds is asked about once
            for (Map.Entry<JobKind, String> entry : check.models().entrySet()) {
                String model = entry.getValue();
                Result result = asked.computeIfAbsent(model, check::check);
                findings.add(new Finding(check.provider(), entry.getKey(), model, result.outcome(),
                        reason(check.provider(), entry.getKey(), model, result)));
            }
        }
        Map<String, Map<JobKind, String>> missing = new LinkedHashMap<>();
        for (Finding f : findings) {
            String reason = switch (f.outcome()) {
                case MISSING -> f.reason();
                // no clear answer: what an earlier run concluded about this kind stands
                case UNKNOWN -> lastMissing.getOrDefault(f.provider(), Map.of()).get(f.kind());
                default -> null;
            };
            if (reason != null) {
                missing.computeIfAbsent(f.provider(), p -> new EnumMap<>(JobKind.class)).put(f.kind(), reason);
            }
        }
        chain.misconfigured(missing);
        logChanges(missing, findings);
        lastMissing = missing;
        lastFindings = List.copyOf(findings);
        ran = true;
        // the alert is told of changes only (and once after start-up, when a provider has a key), so a
        // quiet run costs the store nothing
        if (!missing.equals(alerted) || (!alertedOnce && !findings.isEmpty())) {
            List<String> reasons = new ArrayList<>();
            missing.values().forEach(kinds -> reasons.addAll(kinds.values()));
            try {
                alerts.fire(new ModelsMissing(reasons));
                alerted = missing;
                alertedOnce = true;
            } catch (RuntimeException e) {
                // the store is away: the chain's state above holds; the next run tries the alert again
                Log.warnf("Model canary could not update its alert: %s", e.toString());
            }
        }
        return findings;
    }

    /** What the last run found (empty before the first one, or when no provider has a key). */
    public synchronized List<Finding> lastFindings() {
        return lastFindings;
    }

    private void logChanges(Map<String, Map<JobKind, String>> missing, List<Finding> findings) {
        for (Finding f : findings) {
            String now = missing.getOrDefault(f.provider(), Map.of()).get(f.kind());
            String before = lastMissing.getOrDefault(f.provider(), Map.of()).get(f.kind());
            if (now != null && !now.equals(before)) {
                Log.errorf("Model canary: %s; %s is skipped for %s until the configuration names a model that exists",
                        now, f.provider(), f.kind().wire());
            } else if (now == null && before != null) {
                Log.infof("Model canary: %s %s model %s exists upstream again; the provider is used for it",
                        f.provider(), f.kind().wire(), f.model());
            } else if (!ran && f.outcome() == Outcome.UNKNOWN) {
                Log.warnf("Model canary: could not check %s", f.reason());
            }
        }
    }

    /** The finding in words, e.g. "gemini: text-to-image model x does not exist upstream (404 NOT_FOUND)". */
    static String reason(String provider, JobKind kind, String model, Result result) {
        String head = provider + ": " + kind.wire() + " model " + model;
        return switch (result.outcome()) {
            case EXISTS -> head + " exists upstream";
            case MISSING -> head + " does not exist upstream (" + result.detail() + ")";
            case UNKNOWN -> head + " could not be checked (" + result.detail() + ")";
            case NOT_CHECKABLE -> head + " is not checked (" + result.detail() + ")";
        };
    }
}
