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
