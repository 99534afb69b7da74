package ai.aiart.generation;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * Remembers which job an {@code Idempotency-Key} created, so a resubmission (after a
 * failover, say) returns that job instead of making a second one.
 */
@MongoEntity(collection = "idempotency")
public class IdempotencyRecord {

    /** Hash of (caller, key): one record per key and caller, enforced by the unique _id. */
    @BsonId
    public String id;
    @BsonProperty("job_id")
    public String jobId;
    /** Hash of the request, to tell a true resubmission from a reused key. */
    public String fingerprint;
    @BsonProperty("created_at")
    public Instant createdAt;
}
