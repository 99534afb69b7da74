package ai.aiart.auth;

import java.time.Instant;

/**
 * Donations made with an e-mail before anyone signed in with it (docs/IDENTITY.md, "Donations"):
 * when a signed-in user's verified e-mail matches, {@code service/UserService} makes them a donor
 * at once. The donation feature keeps the donations and implements this ({@code donation/DonationRepository});
 * sign-in asks through it, so that identity needs nothing of donations (docs/ARCHITECTURE.md, "Layers").
 */
public interface PendingDonations {

    /**
     * Marks the not yet applied donations of the e-mail with blind index {@code emailHash} as applied
     * to {@code uid}; true if there were any.
     */
    boolean claimPending(String emailHash, String uid, Instant now);
}
