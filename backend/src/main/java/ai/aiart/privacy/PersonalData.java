package ai.aiart.privacy;

import java.util.Locale;

import jakarta.inject.Singleton;

import ai.aiart.config.IpHashKey;
import io.quarkus.logging.Log;

/**
 * The one place personal data is sealed before it is stored and opened where its owner or an admin
 * reads it (docs/IDENTITY.md, "Encrypted at rest"). Each stored field has its own name, bound into
 * the ciphertext, so a value copied into another field or collection does not decrypt.
 *
 * <p>An encrypted e-mail cannot be searched (each encryption draws a fresh nonce), so wherever an
 * address must be found — a donation's payer, an admin's search, a pending donation at sign-in —
 * the record also holds {@link #emailHash}: the address hashed with the server's IP hash key, a
 * blind index nobody without that key can compute from an address.
 */
@Singleton
public class PersonalData {

    /** {@code users.email}. */
    public static final String USER_EMAIL = "users.email";
    /** {@code donations.email}: the payer's address as the donation platform sent it. */
    public static final String DONATION_EMAIL = "donations.email";
    /** {@code jobs.params.prompt}. */
    public static final String PROMPT = "jobs.params.prompt";
    /** {@code jobs.params.negative_prompt}. */
    public static final String NEGATIVE_PROMPT = "jobs.params.negative_prompt";

    private final DataCipher cipher;
    private final IpHashKey hashKey;

    public PersonalData(DataKey key, IpHashKey hashKey) {
        this.cipher = key.cipher();
        this.hashKey = hashKey;
    }

    /** {@code plain} as it is stored in {@code field}; null stays null. */
    public String seal(String field, String plain) {
        return cipher.encrypt(field, plain);
    }

    /** The clear text of what {@code field} holds (a value stored before encryption is returned as it is). */
    public String open(String field, String stored) {
        return cipher.decrypt(field, stored);
    }

    /**
     * What a view shows of {@code field}: its clear text, or null when its key is no longer in the
     * ring (logged), so that one unreadable record does not fail a whole page of the owner's history
     * or the admins' user list (docs/OPERATIONS.md, "Rotating the data key").
     */
    public String show(String field, String stored) {
        try {
            return cipher.decrypt(field, stored);
        } catch (IllegalStateException e) {
            Log.warnf("Shown without its %s: %s", field, e.getMessage());
            return null;
        }
    }

    /** Whether {@code stored} is already sealed with the key that encrypts now. */
    public boolean current(String stored) {
        return cipher.current(stored);
    }

    /** The id of the key that encrypts now. */
    public String activeKeyId() {
        return cipher.activeKeyId();
    }

    /**
     * The blind index of an e-mail address: trimmed, in lower case, hashed with the IP hash key
     * ({@code email:} keeps it apart from the IP and uid hashes made with the same key); null for none.
     */
    public String emailHash(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return hashKey.hash("email:" + email.trim().toLowerCase(Locale.ROOT));
    }
}
