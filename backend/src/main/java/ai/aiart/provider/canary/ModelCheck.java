package ai.aiart.provider.canary;

import java.util.Map;

import ai.aiart.core.JobKind;

/**
 * How the {@link ModelCanary} asks one upstream whether the models its configuration names exist
 * (docs/PROVIDERS.md, "Model canary"): a cheap call that makes nothing and costs nothing. One per
 * upstream provider, as a bean.
 */
public interface ModelCheck {

    /** What one look at one model found. */
    enum Outcome {
        /** The service knows the model. */
        EXISTS,
        /** The service said plainly that there is no such model: the provider's kind is misconfigured. */
        MISSING,
        /** The service could not be asked or gave no clear answer (network, key, 5xx): nothing is concluded. */
        UNKNOWN,
        /** The service offers no honest way to ask; the canary does not judge this model. */
        NOT_CHECKABLE
    }

    /** An outcome and, in words, what the service said. */
    record Result(Outcome outcome, String detail) {
    }

    /** The provider whose models this asks about. */
    ai.aiart.provider.ImageProvider upstream();

    /** The provider's name. */
    default String provider() {
        return upstream().name();
    }

    /** Whether the provider has a key, so that it is used and may be asked (the provider's own rule). */
    default boolean configured() {
        return upstream().configured();
    }

    /** The model id the configuration names for each kind the provider makes. */
    Map<JobKind, String> models();

    /** Asks the service about one model id. Blocking; must not throw. */
    Result check(String model);
}
