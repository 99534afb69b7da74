package ai.aiart.archfixture.admin;

import ai.aiart.archfixture.generation.Feature;

/** The composition using a feature: allowed, and no rule may report it. */
public class Panel {

    public String title() {
        return "panel of " + new Feature().name();
    }
}
