package ai.aiart.auth.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.donation.DonationRepository;
import ai.aiart.store.StartupStoreWork;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of {@code users} and {@code donations} at start-up. Idempotent. */
@ApplicationScoped
public class IdentityIndexes {

    private final UserRepository users;
    private final DonationRepository donations;
    private final StartupStoreWork work;

    public IdentityIndexes(UserRepository users, DonationRepository donations, StartupStoreWork work) {
        this.users = users;
        this.donations = donations;
        this.work = work;
    }

    void create(@Observes @Priority(6) StartupEvent event) {
        work.run("the indexes of users and donations", true, () -> {
            users.ensureIndexes();
            donations.ensureIndexes();
        });
    }
}
