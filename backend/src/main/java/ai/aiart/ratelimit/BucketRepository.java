package ai.aiart.ratelimit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** Compare-and-swap access to {@link BucketState}; counts its store round trips. */
@ApplicationScoped
public class BucketRepository implements PanacheMongoRepositoryBase<BucketState, String> {

    private final AtomicLong roundTrips = new AtomicLong();

    public Optional<BucketState> load(String id) {
        roundTrips.incrementAndGet();
        return findByIdOptional(id);
    }

    /**
     * Stores {@code next} if the stored state is still {@code expected} (same version), or
     * if there was none and {@code expected} is null. False when another request won.
     */
    public boolean compareAndSwap(BucketState expected, BucketState next) {
        roundTrips.incrementAndGet();
        next.version = expected == null ? 1 : expected.version + 1;
        if (expected == null) {
            try {
                mongoCollection().insertOne(next);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        return mongoCollection().findOneAndReplace(and(eq("_id", expected.id), eq("version", expected.version)), next) != null;
    }

    /** The stored states of {@code ids} that exist, in one command. */
    public java.util.Map<String, BucketState> loadAll(java.util.Collection<String> ids) {
        roundTrips.incrementAndGet();
        java.util.Map<String, BucketState> found = new java.util.HashMap<>();
        mongoCollection().find(com.mongodb.client.model.Filters.in("_id", ids)).batchSize(Math.max(2, ids.size() + 1))
                .forEach(state -> found.put(state.id, state));
        return found;
    }

    /**
     * Compare-and-swap of many buckets in one command: each {@code next} replaces the stored state
     * whose version is still {@code expectedVersion} (0: none stored yet). Written as upserts whose
     * filter names the id and the version, so a lost race surfaces as a duplicate key of that one
     * write while the others go through (store/BatchedWritesTest holds the embedded store to it).
     *
     * @return the indexes of the writes that lost (another instance changed the bucket first)
     */
    public java.util.Set<Integer> compareAndSwapAll(java.util.List<BucketState> next, java.util.List<Long> expectedVersion) {
        roundTrips.incrementAndGet();
        java.util.List<com.mongodb.client.model.ReplaceOneModel<BucketState>> writes = new java.util.ArrayList<>();
        com.mongodb.client.model.ReplaceOptions upsert = new com.mongodb.client.model.ReplaceOptions().upsert(true);
        for (int i = 0; i < next.size(); i++) {
            long expected = expectedVersion.get(i);
            next.get(i).version = expected + 1;
            writes.add(new com.mongodb.client.model.ReplaceOneModel<>(
                    and(eq("_id", next.get(i).id), eq("version", expected)), next.get(i), upsert));
        }
        try {
            mongoCollection().bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            return java.util.Set.of();
        } catch (com.mongodb.MongoBulkWriteException e) {
            return ai.aiart.store.BulkWrites.duplicates(e);
        }
    }

    /**
     * Writes {@code state} as its identity's bucket, whatever is stored, with {@code version}: an
     * erased account's bucket coming back. The version must be one no instance holds a copy of
     * (the caller passes the current time in milliseconds, far above any count of changes), so
     * every instance's next compare-and-swap of this bucket fails and reads it.
     */
    public void restore(BucketState state, long version) {
        roundTrips.incrementAndGet();
        state.version = version;
        mongoCollection().replaceOne(eq("_id", state.id), state, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** Forgets identities untouched since {@code before} (epoch ms) and not blocked: their bucket is full again. */
    public long deleteIdleBefore(long before, long now) {
        roundTrips.incrementAndGet();
        return mongoCollection().deleteMany(and(com.mongodb.client.model.Filters.lt("updated_at", before),
                com.mongodb.client.model.Filters.lte("blocked_until", now))).getDeletedCount();
    }

    /** Identities blocked automatically (too many refusals) whose block lasts beyond {@code now}. */
    public java.util.List<BucketState> blockedAfter(long now, int limit) {
        return mongoCollection().find(com.mongodb.client.model.Filters.gt("blocked_until", now)).limit(limit)
                .into(new java.util.ArrayList<>());
    }

    /** Store operations made so far (for tests and metrics). */
    public long roundTrips() {
        return roundTrips.get();
    }
}
