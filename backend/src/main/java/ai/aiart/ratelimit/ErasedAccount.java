package ai.aiart.ratelimit;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * What fair use remembers of an erased account, in {@code erased_accounts} (docs/IDENTITY.md,
 * "Erasing a user's data"): its bucket, an admin's block, demotion or per-minute limit, filed under
 * a keyed one-way hash of the uid. It holds no e-mail, no uid and no creation; if the same account
 * signs in again before {@code keepUntil}, its new record starts where the erased one stood.
 */
@MongoEntity(collection = "erased_accounts")
public class ErasedAccount {

    public static final String F_KEEP_UNTIL = "keep_until";

    /** {@code IpHashKey#hash} of {@code uid:<uid>}. */
    @BsonId
    public String id;
    /** An admin's demotion ({@link ai.aiart.core.Tier#wire()} {@code anonymous}), else null. */
    public String tier;
    /** An admin's per-minute limit, else null. */
    @BsonProperty("per_minute")
    public Integer perMinute;
    /** The account's bucket (grace used, refusals, automatic blocks) as it was, else null. */
    public BucketState bucket;
    /** Epoch milliseconds until which an admin blocked the account, else 0. */
    @BsonProperty("block_until")
    public long blockUntil;
    @BsonProperty("block_reason")
    public String blockReason;
    /** The blocking admin's uid. */
    @BsonProperty("block_by")
    public String blockBy;
    @BsonProperty("block_at")
    public long blockAt;
    /** Epoch milliseconds after which none of it matters: the clean-up deletes the record. */
    @BsonProperty(F_KEEP_UNTIL)
    public long keepUntil;
}
