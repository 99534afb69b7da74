package ai.aiart.ratelimit;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One identity's fair-use state in {@code rate_limits}, shared by every instance. Changed
 * only by compare-and-swap on {@code version}, so N instances grant exactly what one would.
 */
@MongoEntity(collection = "rate_limits")
public class BucketState {

    @BsonId
    public String id;
    /** Tokens in the bucket at {@code updatedAt} (fractional: refill is continuous). */
    public double tokens;
    /** Epoch milliseconds of the last change. */
    @BsonProperty("updated_at")
    public long updatedAt;
    /** Grace requests used so far (of the first N ever, always allowed). */
    @BsonProperty("grace_used")
    public int graceUsed;
    /** Refusals since the last accepted request: drives the growing retry hint. */
    @BsonProperty("consecutive_refusals")
    public int consecutiveRefusals;
    /** Start (epoch ms) of the window in which refusals are counted towards a block. */
    @BsonProperty("window_start")
    public long windowStart;
    @BsonProperty("window_refusals")
    public int windowRefusals;
    /** How many times this identity has been blocked: each block lasts twice the one before. */
    public int blocks;
    /** Epoch milliseconds until which the identity is blocked (0: not blocked). */
    @BsonProperty("blocked_until")
    public long blockedUntil;
    public long version;

    public BucketState copy() {
        BucketState c = new BucketState();
        c.id = id;
        c.tokens = tokens;
        c.updatedAt = updatedAt;
        c.graceUsed = graceUsed;
        c.consecutiveRefusals = consecutiveRefusals;
        c.windowStart = windowStart;
        c.windowRefusals = windowRefusals;
        c.blocks = blocks;
        c.blockedUntil = blockedUntil;
        c.version = version;
        return c;
    }
}
