package ai.aiart.provider;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import ai.aiart.generation.JobKind;

/** The providers to try for a kind, in order (DESIGN §5). */
@ApplicationScoped
public class ProviderChain {

    private final List<ImageProvider> providers;

    public ProviderChain(Instance<ImageProvider> providers) {
        this.providers = providers.stream().toList();
    }

    /** Configured providers able to make {@code kind}, in the order to try them. */
    public List<ImageProvider> forKind(JobKind kind) {
        return providers.stream().filter(p -> p.configured() && p.kinds().contains(kind)).toList();
    }

    /** Kinds at least one configured provider can make. */
    public List<JobKind> availableKinds() {
        return java.util.Arrays.stream(JobKind.values()).filter(k -> !forKind(k).isEmpty()).toList();
    }

    /** Every provider, configured or not. */
    public List<ImageProvider> all() {
        return providers;
    }
}
