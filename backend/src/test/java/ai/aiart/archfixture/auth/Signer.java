package ai.aiart.archfixture.auth;

import ai.aiart.archfixture.ratelimit.Limiter;

/** One half of a cycle between two features: the floors allow it, the cycle rule does not. */
public class Signer {

    public int allowance() {
        return new Limiter().capacity();
    }
}
