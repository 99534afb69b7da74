package ai.aiart.ratelimit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.auth.ErasedStanding;
import ai.aiart.auth.SignedIn;
import ai.aiart.auth.User;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.config.IpHashKey;
import ai.aiart.core.Tier;
import ai.aiart.load.Hibernation;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Fair use outlives an account's erasure (docs/IDENTITY.md, "Erasing a user's data"). Erasing the
 * account moves its bucket, an admin's block, demotion and per-minute limit from records filed under
 * its uid to one {@code erased_accounts} record filed under a keyed one-way hash of the uid, kept only
 * as long as any of it still matters: {@code aiart.rate-limit.forget-after} after the last creation
 * (or after the erasure, for an admin's demotion or limit), and to the end of a block. When the same
 * Firebase account signs in again within that time, its new user record starts where the erased one
 * stood, so erasing and signing in again gives no fresh allowance, grace or escape from a block.
 */
@ApplicationScoped
public class FairUseMemory implements ErasedStanding {

    private final ErasedAccountRepository erased;
    private final BucketRepository buckets;
    private final ManualBlocks blocks;
    private final UserRepository users;
    private final IpHashKey hashKey;
    private final long forgetAfterMillis;
    private final Clock clock;

    public FairUseMemory(ErasedAccountRepository erased, BucketRepository buckets, ManualBlocks blocks, UserRepository users,
            IpHashKey hashKey, RateLimitConfig config, Clock clock) {
        this.erased = erased;
        this.buckets = buckets;
        this.blocks = blocks;
        this.users = users;
        this.hashKey = hashKey;
        this.forgetAfterMillis = config.forgetAfter().toMillis();
        this.clock = clock;
    }

    /** The key an erased account's state is filed under: the uid hashed with the server's secret, never the uid. */
    String hashOf(String uid) {
        return hashKey.hash("uid:" + uid);
    }

    /**
     * Moves the fair-use state of {@code who} (with {@code record}, their user record, or null) under the
     * hash of their uid, and deletes the records filed under the uid. True if anything was worth keeping.
     */
    public boolean keep(SignedIn who, User record) {
        long now = clock.millis();
        String key = who.key();
        ErasedAccount kept = new ErasedAccount();
        kept.id = hashOf(who.uid());
        long keepUntil = 0;
        if (record != null && record.storedTier() == Tier.ANONYMOUS) {
            kept.tier = Tier.ANONYMOUS.wire();
            keepUntil = now + forgetAfterMillis;
        }
        if (record != null && record.perMinuteOverride() != null) {
            kept.perMinute = record.perMinuteOverride();
            keepUntil = now + forgetAfterMillis;
        }
        BucketState bucket = buckets.load(key).orElse(null);
        if (bucket != null) {
            long mattersUntil = Math.max(bucket.blockedUntil, bucket.updatedAt + forgetAfterMillis);
            if (mattersUntil > now) {
                bucket.id = null; // the uid stays out of the kept record
                kept.bucket = bucket;
                keepUntil = Math.max(keepUntil, mattersUntil);
            }
        }
        ManualBlock block = blocks.findById(key);
        if (block != null && block.until > now) {
            kept.blockUntil = block.until;
            kept.blockReason = block.reason;
            kept.blockBy = block.createdBy;
            kept.blockAt = block.createdAt;
            keepUntil = Math.max(keepUntil, block.until);
        }
        if (keepUntil > now) {
            kept.keepUntil = keepUntil;
            erased.keep(kept);
        }
        if (bucket != null) {
            buckets.deleteById(key);
        }
        if (block != null) {
            blocks.forget(key);
        }
        return keepUntil > now;
    }

    /**
     * For a user record created just now: applies what was kept of an erased account with the same
     * uid, and deletes it from {@code erased_accounts}. One store command when nothing was kept.
     *
     * @return the user record, with a kept demotion or limit applied
     */
    @Override
    public User restore(User created) {
        ErasedAccount kept = erased.claim(hashOf(created.id));
        long now = clock.millis();
        if (kept == null || kept.keepUntil <= now) {
            return created;
        }
        String key = SignedIn.keyOf(created.id);
        User user = created;
        if (kept.tier != null || kept.perMinute != null) {
            user = users.setStanding(created.id, Tier.fromWire(kept.tier).orElse(null), kept.perMinute).orElse(created);
        }
        if (kept.bucket != null) {
            kept.bucket.id = key;
            buckets.restore(kept.bucket, now);
        }
        if (kept.blockUntil > now) {
            blocks.block(key, kept.blockUntil, kept.blockReason, kept.blockBy, kept.blockAt);
        }
        Log.infof("User %s: the fair-use state of the erased account with this id applies again", created.id);
        return user;
    }

    /** Forgets erased accounts' state that no longer matters. */
    @Scheduled(identity = "erased-accounts-retention", every = "{aiart.cleanup-every}", delayed = "3m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void deleteExpired() {
        long deleted = erased.deleteExpired(clock.millis());
        if (deleted > 0) {
            Log.infof("Fair use: forgot the state of %d erased accounts", deleted);
        }
    }
}
