package ai.aiart.account;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;

import ai.aiart.auth.User;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.donation.Donation;
import ai.aiart.donation.DonationRepository;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.privacy.DataCipher;
import ai.aiart.privacy.PersonalData;
import ai.aiart.store.StartupStoreWork;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Once at every start, before the backend serves: seals what is still stored in clear (records written before
 * encryption) or with a key other than the one that encrypts now (after a rotation), and gives
 * e-mails their blind index — e-mails of users and donations, prompts and negative prompts of jobs
 * (docs/OPERATIONS.md, "Rotating the data key").
 *
 * <p>Store cost: one query per collection (three commands) when nothing is left to do, which is every
 * start but the first after an upgrade or a rotation; then one unordered bulk update per
 * {@value #BATCH} records. Each update's filter names the value it read, so two backends starting
 * together each rewrite a record at most once and never undo a newer write. A record sealed with a key
 * the ring no longer holds is left as it is and counted (it cannot be read: docs/OPERATIONS.md).
 */
@ApplicationScoped
public class Reencryption {

    static final int BATCH = 500;

    private final UserRepository users;
    private final DonationRepository donations;
    private final JobRepository jobs;
    private final PersonalData data;

    /** What one pass did: records rewritten, and records left because their key is not in the ring. */
    public record Outcome(long rewritten, long unreadable) {
        Outcome plus(Outcome other) {
            return new Outcome(rewritten + other.rewritten, unreadable + other.unreadable);
        }
    }

    public Reencryption(UserRepository users, DonationRepository donations, JobRepository jobs, PersonalData data) {
        this.users = users;
        this.donations = donations;
        this.jobs = jobs;
        this.data = data;
    }

    /**
     * After the indexes (they waited for the store), on the start-up thread: its three queries then
     * fall before the first request, never inside the measured idle cost of a running backend. Only
     * the first start after an upgrade or a rotation takes longer, by the bulk updates it sends.
     */
    void start(@Observes @Priority(30) StartupEvent event, StartupStoreWork work) {
        // with the store away, what is left in clear stays readable and is sealed once it answers
        work.run("re-encryption of personal data", true, () -> {
            Outcome done = run();
            if (done.rewritten() > 0 || done.unreadable() > 0) {
                Log.infof("Personal data: %d records sealed with data key %s; %d left unreadable (their key is not "
                        + "in AIART_DATA_KEY)", done.rewritten(), data.activeKeyId(), done.unreadable());
            }
        });
    }

    /** One pass over the three collections. */
    public Outcome run() {
        return emails(users.mongoCollection().withDocumentClass(Document.class), User.F_EMAIL, User.F_EMAIL_HASH,
                PersonalData.USER_EMAIL)
                .plus(emails(donations.mongoCollection().withDocumentClass(Document.class), Donation.F_EMAIL,
                        Donation.F_EMAIL_HASH, PersonalData.DONATION_EMAIL))
                .plus(prompts(jobs.mongoCollection().withDocumentClass(Document.class)));
    }

    /** A value that is not sealed with the active key: clear text, or sealed with an older one. */
    private Bson notCurrent(String field) {
        return regex(field, "^(?!" + Pattern.quote(DataCipher.PREFIX + data.activeKeyId() + ":") + ")");
    }

    private Outcome emails(MongoCollection<Document> collection, String field, String hashField, String name) {
        Bson stale = and(exists(field), ne(field, null), or(notCurrent(field), exists(hashField, false)));
        return rewrite(collection, stale, Projections.include(field), stored -> {
            String clear = data.open(name, stored.getString(field));
            return Map.of(field, data.seal(name, clear), hashField, data.emailHash(clear));
        }, field);
    }

    private Outcome prompts(MongoCollection<Document> collection) {
        String prompt = "params.prompt";
        String negative = "params.negative_prompt";
        return rewrite(collection, or(notCurrent(prompt), notCurrent(negative)), Projections.include(prompt, negative), stored -> {
            Document params = stored.get("params", Document.class);
            Map<String, Object> sealed = new java.util.HashMap<>();
            if (params.getString("prompt") != null) {
                sealed.put(prompt, data.seal(PersonalData.PROMPT, data.open(PersonalData.PROMPT, params.getString("prompt"))));
            }
            if (params.getString("negative_prompt") != null) {
                sealed.put(negative, data.seal(PersonalData.NEGATIVE_PROMPT,
                        data.open(PersonalData.NEGATIVE_PROMPT, params.getString("negative_prompt"))));
            }
            return sealed;
        }, prompt, negative);
    }

    /**
     * Rewrites every record {@code stale} finds with what {@code seal} makes of it; each update only if
     * the {@code read} fields still hold what was read.
     */
    private Outcome rewrite(MongoCollection<Document> collection, Bson stale, Bson projection,
            Function<Document, Map<String, Object>> seal, String... read) {
        long rewritten = 0;
        long unreadable = 0;
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Document stored : collection.find(stale).projection(projection).batchSize(BATCH)) {
            Map<String, Object> sealed;
            try {
                sealed = seal.apply(stored);
            } catch (IllegalStateException e) {
                unreadable++;
                continue;
            }
            List<Bson> filter = new ArrayList<>();
            filter.add(eq("_id", stored.get("_id")));
            for (String field : read) {
                filter.add(eq(field, valueAt(stored, field)));
            }
            List<Bson> sets = new ArrayList<>();
            sealed.forEach((field, value) -> sets.add(Updates.set(field, value)));
            writes.add(new UpdateOneModel<>(and(filter), Updates.combine(sets)));
            if (writes.size() == BATCH) {
                rewritten += flush(collection, writes);
            }
        }
        rewritten += flush(collection, writes);
        return new Outcome(rewritten, unreadable);
    }

    private static long flush(MongoCollection<Document> collection, List<UpdateOneModel<Document>> writes) {
        if (writes.isEmpty()) {
            return 0;
        }
        long modified = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
        writes.clear();
        return modified;
    }

    private static Object valueAt(Document document, String dotted) {
        Object value = document;
        for (String part : dotted.split("\\.")) {
            value = value instanceof Document d ? d.get(part) : null;
        }
        return value;
    }
}
