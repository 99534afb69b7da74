package ai.aiart.provider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import ai.aiart.core.JobKind;
import ai.aiart.provider.local.LocalProvider;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The providers to try for a kind, in order (docs/PROVIDERS.md): the order of
 * {@code aiart.providers.chain.<kind>}, keeping only providers that are configured, can make the
 * kind, whose circuit breaker (named after the provider) is not open, and whose configured model
 * for the kind the model canary has not found missing upstream. The offline renderer
 * {@code local} always ends a chain.
 */
@ApplicationScoped
public class ProviderChain {

    /** {@link #state} of a configured provider that may be used. */
    public static final String UP = "up";
    /** {@link #state} of a provider without configuration (no API key, or switched off). */
    public static final String DOWN = "down";
    /** {@link #state} of a provider skipped because its circuit breaker is open. */
    public static final String OPEN = "open";
    /**
     * {@link #state} of a configured provider whose configured model for at least one kind does
     * not exist upstream (the model canary, docs/PROVIDERS.md); it is skipped for those kinds only.
     */
    public static final String MISCONFIGURED = "misconfigured";
    /**
     * The service told us to stay away for a while (Stability's 60 s after a 429 without
     * {@code Retry-After}, see {@link ImageProvider#pausedUntil}): skipped until then.
     */
    public static final String PAUSED = "paused";

    private final Map<String, ImageProvider> byName = new LinkedHashMap<>();
    private final Map<JobKind, List<String>> orders = new LinkedHashMap<>();
    private final CircuitBreakerMaintenance breakers;
    /** Provider → kind → reason in words, as the model canary last found; replaced whole on each run. */
    private volatile Map<String, Map<JobKind, String>> misconfigured = Map.of();

    @Inject
    public ProviderChain(Instance<ImageProvider> providers, ProvidersConfig config, CircuitBreakerMaintenance breakers) {
        this(providers.stream().toList(), config.chain(), breakers);
    }

    ProviderChain(List<ImageProvider> providers, ProvidersConfig.Chain chains, CircuitBreakerMaintenance breakers) {
        this.breakers = breakers;
        for (JobKind kind : JobKind.values()) {
            orders.put(kind, order(kind, chains.forKind(kind), providers));
        }
        // all(): in the order they first appear in the chains, then any left out of every chain
        orders.values().forEach(names -> names.forEach(name -> providers.stream()
                .filter(p -> p.name().equals(name)).findFirst().ifPresent(p -> byName.putIfAbsent(name, p))));
        providers.forEach(p -> byName.putIfAbsent(p.name(), p));
    }

    /**
     * Configured providers able to make {@code kind} whose circuit is not open, that are not paused and whose
     * model for it exists, in the order to try them.
     */
    public List<ImageProvider> forKind(JobKind kind) {
        List<ImageProvider> chain = new ArrayList<>();
        for (String name : orders.get(kind)) {
            ImageProvider provider = byName.get(name);
            if (provider.kinds().contains(kind) && usable(provider, kind)) {
                chain.add(provider);
            }
        }
        return chain;
    }

    /** Kinds at least one provider can make right now. */
    public List<JobKind> availableKinds() {
        return Arrays.stream(JobKind.values()).filter(k -> !forKind(k).isEmpty()).toList();
    }

    /** Every provider, configured or not, in chain order. */
    public List<ImageProvider> all() {
        return List.copyOf(byName.values());
    }

    /**
     * {@code up}, {@code down} (not configured), {@code misconfigured} (a configured model is missing
     * upstream, see {@link #misconfiguredReasons}), {@code open} (circuit open, skipped for now) or
     * {@code paused} (the service asked us to stay away for a while, skipped until then).
     */
    public String state(ImageProvider provider) {
        if (!provider.configured()) {
            return DOWN;
        }
        if (misconfigured.containsKey(provider.name())) {
            return MISCONFIGURED;
        }
        if (circuitOpen(provider.name())) {
            return OPEN;
        }
        return provider.pausedUntil().isPresent() ? PAUSED : UP;
    }

    /**
     * Sets what the model canary found: for each provider, the kinds whose configured model is
     * missing upstream, with the reason in words. Replaces what was set before, so a kind left
     * out is usable again.
     */
    public void misconfigured(Map<String, Map<JobKind, String>> reasons) {
        Map<String, Map<JobKind, String>> copy = new LinkedHashMap<>();
        reasons.forEach((provider, kinds) -> {
            if (!kinds.isEmpty()) {
                copy.put(provider, Map.copyOf(kinds));
            }
        });
        misconfigured = Collections.unmodifiableMap(copy);
    }

    /** The reasons of the providers in state {@code misconfigured}: provider → kind (wire name) → reason. */
    public Map<String, Map<String, String>> misconfiguredReasons() {
        Map<String, Map<String, String>> reasons = new LinkedHashMap<>();
        misconfigured.forEach((provider, kinds) -> {
            Map<String, String> byKind = new LinkedHashMap<>();
            Arrays.stream(JobKind.values()).filter(kinds::containsKey).forEach(k -> byKind.put(k.wire(), kinds.get(k)));
            reasons.put(provider, byKind);
        });
        return reasons;
    }

    /** {@link #state} of every provider by name, for health reports. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        byName.values().forEach(p -> states.put(p.name(), state(p)));
        return states;
    }

    /** Whether {@code provider} may be asked for {@code kind} now: configured, circuit not open, not paused, model not missing. */
    private boolean usable(ImageProvider provider, JobKind kind) {
        if (!provider.configured() || circuitOpen(provider.name()) || provider.pausedUntil().isPresent()) {
            return false;
        }
        return !misconfigured.getOrDefault(provider.name(), Map.of()).containsKey(kind);
    }

    /**
     * Whether the provider's breaker refuses calls. A half-open breaker lets a probe through,
     * so it counts as closed; the breaker moves from open to half-open on its own timer.
     */
    private boolean circuitOpen(String name) {
        try {
            return breakers.currentState(name) == CircuitBreakerState.OPEN;
        } catch (IllegalArgumentException e) {
            return false; // no breaker by that name (the offline renderer)
        }
    }

    private static List<String> order(JobKind kind, List<String> configured, List<ImageProvider> providers) {
        Set<String> known = new LinkedHashSet<>();
        providers.forEach(p -> known.add(p.name()));
        Set<String> order = new LinkedHashSet<>();
        for (String entry : configured) {
            String name = entry.strip();
            if (name.isEmpty() || name.equals(LocalProvider.NAME)) {
                continue;
            }
            if (known.contains(name)) {
                order.add(name);
            } else {
                Log.warnf("aiart.providers.chain.%s names %s, which is no provider (known: %s)", kind.wire(), name, known);
            }
        }
        if (known.contains(LocalProvider.NAME)) {
            order.add(LocalProvider.NAME);
        }
        return List.copyOf(order);
    }
}
