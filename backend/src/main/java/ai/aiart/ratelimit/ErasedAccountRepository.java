package ai.aiart.ratelimit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** The {@code erased_accounts} collection: one document per erased account with fair-use state worth keeping. */
@ApplicationScoped
public class ErasedAccountRepository implements PanacheMongoRepositoryBase<ErasedAccount, String> {

    /** Stores what is kept of an erased account (replacing what an earlier erasure of it kept). */
    public void keep(ErasedAccount kept) {
        mongoCollection().replaceOne(eq("_id", kept.id), kept, new ReplaceOptions().upsert(true));
    }

    /** Takes what was kept under {@code hash}, in one command, so that only one of two racing first requests applies it. */
    public ErasedAccount claim(String hash) {
        return mongoCollection().findOneAndDelete(eq("_id", hash));
    }

    /** Forgets what no longer matters at {@code now} (epoch ms). */
    public long deleteExpired(long now) {
        return mongoCollection().deleteMany(lte(ErasedAccount.F_KEEP_UNTIL, now)).getDeletedCount();
    }
}
