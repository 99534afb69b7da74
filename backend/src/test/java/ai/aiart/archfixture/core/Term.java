package ai.aiart.archfixture.core;

import ai.aiart.archfixture.generation.Feature;

/** A ground-floor term that uses a feature: breaks the core rule and the floors. */
public final class Term {

    public String name() {
        return new Feature().name();
    }
}
