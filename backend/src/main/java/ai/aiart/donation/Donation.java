package ai.aiart.donation;

import java.time.Instant;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One payment reported by the donation platform, in {@code donations}. Its id is the platform's
 * transaction id, inserted once: a replayed webhook finds it there and changes nothing.
 */
@MongoEntity(collection = "donations")
public class Donation {

    public static final String F_EMAIL = "email";
    public static final String F_EMAIL_HASH = "email_hash";
    public static final String F_APPLIED = "applied";

    /** Ko-fi's {@code kofi_transaction_id}. */
    @BsonId
    public String id;
    /**
     * The payer's e-mail, lower case, sealed ({@code PersonalData.DONATION_EMAIL}); removed when that
     * user erases their data. Ko-fi's name and message of the payer are not kept.
     */
    public String email;
    /** {@code PersonalData#emailHash} of the e-mail: what the payer's account is matched by. */
    @BsonProperty("email_hash")
    public String emailHash;
    /** Donation, Subscription, Commission, Shop Order. */
    public String type;
    public String amount;
    public String currency;
    /** When the platform says it happened (its own text). */
    @BsonProperty("platform_timestamp")
    public String platformTimestamp;
    @BsonProperty("received_at")
    public Instant receivedAt;
    /** Whether a user was upgraded for it; false until the payer signs in with that (verified) e-mail. */
    public boolean applied;
    @BsonProperty("applied_to")
    public List<String> appliedTo;
    @BsonProperty("applied_at")
    public Instant appliedAt;
}
