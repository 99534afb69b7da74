package ai.aiart.donation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

import ai.aiart.auth.PendingDonations;
import ai.aiart.store.CollectionIndexes;
import ai.aiart.store.StartupStoreWork;

/** The {@code donations} collection. */
@ApplicationScoped
public class DonationRepository implements PanacheMongoRepositoryBase<Donation, String>, PendingDonations {

    /** Creates the indexes at start-up, beside those of {@code users} (auth/repository/IdentityIndexes). Idempotent. */
    void createIndexes(@Observes @Priority(6) StartupEvent event, StartupStoreWork work) {
        work.run("the indexes of donations", true, this::ensureIndexes);
    }

    /** The index of pending donations by e-mail hash; "pending_by_email" (on the clear e-mail, from before encryption) dropped. */
    public void ensureIndexes() {
        CollectionIndexes.ensure(mongoCollection(), List.of(new IndexModel(Indexes.ascending(Donation.F_EMAIL_HASH, Donation.F_APPLIED),
                new IndexOptions().name("pending_by_email_hash").sparse(true))), "pending_by_email");
    }

    /** Stores the donation unless its transaction id is already known; false for a replay. */
    public boolean insertOnce(Donation donation) {
        try {
            mongoCollection().insertOne(donation);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public void markApplied(String id, List<String> uids, Instant now) {
        mongoCollection().updateOne(eq("_id", id), Updates.combine(Updates.set(Donation.F_APPLIED, true),
                Updates.set("applied_to", uids), Updates.set("applied_at", now)));
    }

    /**
     * Marks the not yet applied donations of the e-mail with blind index {@code emailHash} as applied
     * to {@code uid}; true if there were any.
     */
    @Override
    public boolean claimPending(String emailHash, String uid, Instant now) {
        return mongoCollection().updateMany(and(eq(Donation.F_EMAIL_HASH, emailHash), eq(Donation.F_APPLIED, false)),
                Updates.combine(Updates.set(Donation.F_APPLIED, true), Updates.set("applied_to", List.of(uid)),
                        Updates.set("applied_at", now))).getModifiedCount() > 0;
    }

    /**
     * Removes the e-mail from every donation made with it (the records stay, so replays stay harmless):
     * those with its blind index {@code emailHash}, and any still holding {@code legacyEmail} in clear
     * from before encryption, which the start-up re-encryption may not have reached yet.
     */
    public long forgetEmail(String emailHash, String legacyEmail) {
        return mongoCollection().updateMany(or(eq(Donation.F_EMAIL_HASH, emailHash), eq(Donation.F_EMAIL, legacyEmail)),
                Updates.combine(Updates.unset(Donation.F_EMAIL), Updates.unset(Donation.F_EMAIL_HASH))).getModifiedCount();
    }
}
