package ai.aiart.auth.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.donation.DonationRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of {@code users} and {@code donations} at start-up. Idempotent. */
@ApplicationScoped
public class IdentityIndexes {

    private final UserRepository users;
    private final DonationRepository donations;

    public IdentityIndexes(UserRepository users, DonationRepository donations) {
        this.users = users;
        this.donations = donations;
    }

    void create(@Observes @Priority(6) StartupEvent event) {
        try {
            users.ensureIndexes();
            donations.ensureIndexes();
        } catch (RuntimeException e) {
            // the store may be starting or away; the queries still work, only slower
            Log.warnf("Could not create the indexes of users and donations now: %s", e.toString());
        }
    }
}
