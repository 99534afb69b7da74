package ai.aiart.archfixture.ratelimit;

import ai.aiart.archfixture.auth.Signer;

/** The other half of the cycle. */
public class Limiter {

    public int capacity() {
        return 3;
    }

    public Signer signer() {
        return new Signer();
    }
}
