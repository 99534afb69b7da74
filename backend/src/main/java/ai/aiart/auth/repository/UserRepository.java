package ai.aiart.auth.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import ai.aiart.core.Tier;
import ai.aiart.auth.User;
import ai.aiart.store.CollectionIndexes;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** The {@code users} collection: single-document atomic updates only (docs/ARCHITECTURE.md). */
@ApplicationScoped
public class UserRepository implements PanacheMongoRepositoryBase<User, String> {

    private static final int DUPLICATE_KEY = 11000;

    public void ensureIndexes() {
        // e-mails are stored encrypted: they are found by their blind index (privacy/PersonalData); "email",
        // the index of the clear e-mail from before encryption, is dropped where it is still there
        CollectionIndexes.ensure(mongoCollection(), List.of(
                new IndexModel(Indexes.ascending(User.F_EMAIL_HASH), new IndexOptions().name("email_hash").sparse(true)),
                new IndexModel(Indexes.descending(User.F_CREATED_AT, "_id"), new IndexOptions().name("newest"))), "email");
    }

    /**
     * The user's record, created on first sight ({@code $setOnInsert}); the e-mail ({@code sealedEmail},
     * encrypted, and its {@code emailHash}) is refreshed from the token every time, which also
     * rewrites a record stored in clear or with an older key.
     */
    public User onSight(String uid, String sealedEmail, String emailHash, boolean emailVerified, Instant now) {
        Bson update = Updates.combine(
                Updates.set(User.F_EMAIL, sealedEmail),
                Updates.set(User.F_EMAIL_HASH, emailHash),
                Updates.set(User.F_EMAIL_VERIFIED, emailVerified),
                Updates.setOnInsert(User.F_TIER, Tier.REGISTERED.wire()),
                Updates.setOnInsert(User.F_CREATED_AT, now),
                Updates.setOnInsert(User.F_LAST_ACTIVE, now),
                Updates.setOnInsert("usage_stats", new Document("jobs", 0L)));
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        try {
            return mongoCollection().findOneAndUpdate(eq("_id", uid), update, options);
        } catch (MongoCommandException | MongoWriteException e) {
            if (!duplicateKey(e)) {
                throw e;
            }
            // two first requests raced to insert: the other one won, so this is now an update
            return mongoCollection().findOneAndUpdate(eq("_id", uid), update, options);
        }
    }

    /** Sets {@code last_active} unless it was set after {@code notAfter}: at most once per interval. */
    public void touch(String uid, Instant now, Instant notAfter) {
        mongoCollection().updateOne(and(eq("_id", uid), lt(User.F_LAST_ACTIVE, notAfter)), Updates.set(User.F_LAST_ACTIVE, now));
    }

    /** Counts one more job for the user. */
    /** Jobs a user created since the last write, and when the last one was. */
    public record JobCount(long jobs, Instant last) {
    }

    /** Adds the job counts of many users in one command. */
    public void recordJobs(java.util.Map<String, JobCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        java.util.List<com.mongodb.client.model.UpdateOneModel<User>> writes = new java.util.ArrayList<>();
        counts.forEach((uid, count) -> writes.add(new com.mongodb.client.model.UpdateOneModel<>(eq("_id", uid),
                Updates.combine(Updates.inc(User.F_JOBS, count.jobs()), Updates.max(User.F_LAST_JOB_AT, count.last())))));
        mongoCollection().bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
    }

    public Optional<User> setTier(String uid, Tier tier) {
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(eq("_id", uid), Updates.set(User.F_TIER, tier.wire()),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Sets the per-minute override, or removes it when {@code perMinute} is null. */
    public Optional<User> setPerMinute(String uid, Integer perMinute) {
        Bson update = perMinute == null ? Updates.unset("rate_limit_overrides") : Updates.set(User.F_PER_MINUTE, perMinute);
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(eq("_id", uid), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Sets the tier and the per-minute override in one command (a null leaves that one as it is). */
    public Optional<User> setStanding(String uid, Tier tier, Integer perMinute) {
        List<Bson> updates = new ArrayList<>(2);
        if (tier != null) {
            updates.add(Updates.set(User.F_TIER, tier.wire()));
        }
        if (perMinute != null) {
            updates.add(Updates.set(User.F_PER_MINUTE, perMinute));
        }
        if (updates.isEmpty()) {
            return findByIdOptional(uid);
        }
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(eq("_id", uid), Updates.combine(updates),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Users whose verified e-mail has the blind index {@code emailHash}. */
    public List<User> verifiedWithEmail(String emailHash) {
        return mongoCollection().find(and(eq(User.F_EMAIL_HASH, emailHash), eq(User.F_EMAIL_VERIFIED, true))).into(new ArrayList<>());
    }

    /**
     * A page of users, newest first, after the cursor (created_at, id) of the previous page; only the
     * one whose e-mail has the blind index {@code emailHash}, when given.
     */
    public List<User> page(Instant beforeCreated, String beforeId, String emailHash, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (beforeCreated != null) {
            filters.add(or(lt(User.F_CREATED_AT, beforeCreated),
                    and(eq(User.F_CREATED_AT, beforeCreated), lt("_id", beforeId))));
        }
        if (emailHash != null) {
            filters.add(eq(User.F_EMAIL_HASH, emailHash));
        }
        return mongoCollection().find(filters.isEmpty() ? new Document() : and(filters))
                .sort(Sorts.descending(User.F_CREATED_AT, "_id")).limit(limit).into(new ArrayList<>());
    }

    private static boolean duplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException command && command.getErrorCode() == DUPLICATE_KEY;
    }
}
