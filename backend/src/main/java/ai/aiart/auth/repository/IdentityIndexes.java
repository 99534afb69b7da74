package ai.aiart.auth.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.store.StartupStoreWork;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of {@code users} at start-up (those of {@code donations}: donation/DonationRepository). Idempotent. */
@ApplicationScoped
public class IdentityIndexes {

    private final UserRepository users;
    private final StartupStoreWork work;

    public IdentityIndexes(UserRepository users, StartupStoreWork work) {
        this.users = users;
        this.work = work;
    }

    void create(@Observes @Priority(6) StartupEvent event) {
        work.run("the indexes of users", true, users::ensureIndexes);
    }
}
