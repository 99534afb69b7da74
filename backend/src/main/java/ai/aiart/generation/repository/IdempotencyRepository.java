package ai.aiart.generation.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import ai.aiart.generation.IdempotencyRecord;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** Records of {@code Idempotency-Key}s (DESIGN §3). */
@ApplicationScoped
public class IdempotencyRepository implements PanacheMongoRepositoryBase<IdempotencyRecord, String> {

    /** TTL index for real MongoDB; the embedded store relies on {@link #deleteOlderThan}. */
    public void ensureIndexes(long keepSeconds) {
        mongoCollection().createIndex(Indexes.ascending("created_at"),
                new IndexOptions().name("expiry").expireAfter(keepSeconds, TimeUnit.SECONDS));
    }

    /**
     * Claims the key for a new job. Returns empty when the claim succeeded, or the record
     * already holding the key.
     */
    public Optional<IdempotencyRecord> claim(IdempotencyRecord record) {
        try {
            mongoCollection().insertOne(record);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return findByIdOptional(record.id).or(() -> claim(record));
        }
    }

    /** Replaces an expired record (created before {@code expiredBefore}); false if someone else did first. */
    public boolean replaceExpired(IdempotencyRecord expired, IdempotencyRecord fresh, Instant expiredBefore) {
        return mongoCollection().findOneAndReplace(
                and(eq("_id", expired.id), eq("job_id", expired.jobId), lt("created_at", expiredBefore)), fresh) != null;
    }

    public long deleteOlderThan(Instant cutoff) {
        return mongoCollection().deleteMany(lt("created_at", cutoff)).getDeletedCount();
    }
}
