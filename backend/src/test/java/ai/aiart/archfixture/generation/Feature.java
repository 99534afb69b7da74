package ai.aiart.archfixture.generation;

/** A feature that uses nothing of ours. */
public class Feature {

    public String name() {
        return "feature";
    }
}
