package ai.aiart.archfixture.web;

import ai.aiart.archfixture.admin.Panel;

/** Infrastructure that uses the composition: breaks the floors. */
public final class Mapper {

    public String map() {
        return new Panel().title();
    }
}
