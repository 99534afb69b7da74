package ai.aiart.ratelimit;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A block set (or lifted) by an admin, in {@code blocks}: the identity may not generate until
 * {@code until}. A lift is kept as a record too, so every instance drops its cached copy of an
 * automatic block that an admin lifted.
 */
@MongoEntity(collection = "blocks")
public class ManualBlock {

    /** The identity key: {@code ip:<keyed hash>} or {@code user:<uid>}. */
    @BsonId
    public String id;
    /** Epoch milliseconds until which the identity is blocked; 0 once lifted. */
    public long until;
    /** Epoch milliseconds of the last lift, else 0. */
    @BsonProperty("lifted_at")
    public long liftedAt;
    public String reason;
    /** The admin's uid. */
    @BsonProperty("created_by")
    public String createdBy;
    /** Epoch milliseconds. */
    @BsonProperty("created_at")
    public long createdAt;
}
