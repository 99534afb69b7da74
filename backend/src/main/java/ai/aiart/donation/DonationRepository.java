package ai.aiart.donation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** The {@code donations} collection. */
@ApplicationScoped
public class DonationRepository implements PanacheMongoRepositoryBase<Donation, String> {

    public void ensureIndexes() {
        mongoCollection().createIndex(Indexes.ascending(Donation.F_EMAIL, Donation.F_APPLIED),
                new IndexOptions().name("pending_by_email").sparse(true));
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

    /** Marks the not yet applied donations of {@code email} as applied to {@code uid}; true if there were any. */
    public boolean claimPending(String email, String uid, Instant now) {
        return mongoCollection().updateMany(and(eq(Donation.F_EMAIL, email), eq(Donation.F_APPLIED, false)),
                Updates.combine(Updates.set(Donation.F_APPLIED, true), Updates.set("applied_to", List.of(uid)),
                        Updates.set("applied_at", now))).getModifiedCount() > 0;
    }

    /** Removes the e-mail from every donation made with it (the records stay, so replays stay harmless). */
    public long forgetEmail(String email) {
        return mongoCollection().updateMany(eq(Donation.F_EMAIL, email), Updates.unset(Donation.F_EMAIL)).getModifiedCount();
    }
}
