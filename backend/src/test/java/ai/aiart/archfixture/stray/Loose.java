package ai.aiart.archfixture.stray;

/** A package on no floor: the floors rule wants every class placed. */
public class Loose {
}
