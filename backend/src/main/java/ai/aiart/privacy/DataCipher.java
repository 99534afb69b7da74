package ai.aiart.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the personal data AiArt stores — e-mail addresses, prompts, donation records — in the
 * application, with AES-256-GCM, before it reaches the database (docs/IDENTITY.md, "Encrypted at
 * rest"). A stored value reads {@code enc1:<key id>:<base64url of nonce, ciphertext and tag>}; the
 * field's name is bound in as associated data, so a value cannot be moved to another field and
 * still decrypt.
 *
 * <p>The key ring ({@code aiart.data-key}, {@code AIART_DATA_KEY}) is {@code id:base64key}, comma
 * separated: the first key encrypts, every key decrypts, so a key rotates by putting the new one
 * first and dropping the old one once nothing stored is written with it. A value stored before
 * encryption was turned on (no {@code enc1:} prefix) is read as it is.
 */
public final class DataCipher {

    /** What every encrypted value starts with. */
    public static final String PREFIX = "enc1:";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private record Key(String id, SecretKeySpec spec) {
    }

    private final Key active;
    private final Map<String, Key> keys;
    private final SecureRandom random = new SecureRandom();

    private DataCipher(Map<String, Key> keys) {
        this.keys = Map.copyOf(keys);
        this.active = keys.values().iterator().next();
    }

    /**
     * The key ring written as {@code id:base64key[,id:base64key…]} (keys of 32 bytes, standard or
     * URL-safe Base64).
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing a key
     */
    public static DataCipher parse(String ring) {
        if (ring == null || ring.isBlank()) {
            throw new IllegalArgumentException("the data key ring is empty");
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        for (String entry : ring.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("each data key is written id:base64key (e.g. k1:…), one entry is not");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a data key id is 1 to 16 letters, digits, '-' or '_', not '" + id + "'");
            }
            byte[] material;
            try {
                String encoded = trimmed.substring(colon + 1).trim();
                material = encoded.contains("-") || encoded.contains("_") ? DECODER.decode(encoded)
                        : Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data key " + id + " is not Base64");
            }
            if (material.length != 32) {
                throw new IllegalArgumentException("data key " + id + " must be 32 bytes (openssl rand -base64 32), it is "
                        + material.length);
            }
            if (keys.put(id, new Key(id, new SecretKeySpec(material, "AES"))) != null) {
                throw new IllegalArgumentException("data key id " + id + " is given twice");
            }
        }
        return new DataCipher(keys);
    }

    /** The id of the key that encrypts. */
    public String activeKeyId() {
        return active.id();
    }

    /** Whether {@code stored} is an encrypted value (of any key). */
    public static boolean encrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether {@code stored} is encrypted with the key that encrypts now (nothing to rewrite on rotation). */
    public boolean current(String stored) {
        return encrypted(stored) && stored.startsWith(PREFIX + active.id() + ":");
    }

    /** {@code plain} encrypted for {@code field}; null stays null. */
    public String encrypt(String field, String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, active.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + active.id() + ":" + ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The plain text of {@code stored} for {@code field}: decrypted when it is encrypted, as it is when
     * it was stored before encryption; null stays null.
     *
     * @throws IllegalStateException when its key is not in the ring, or it was altered or moved from
     *                               another field
     */
    public String decrypt(String field, String stored) {
        if (!encrypted(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("a stored " + field + " is malformed");
        }
        String id = stored.substring(PREFIX.length(), colon);
        Key key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a stored " + field + " is encrypted with data key " + id
                    + ", which AIART_DATA_KEY no longer holds");
        }
        try {
            byte[] sealed = DECODER.decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + field + " does not decrypt with data key " + id
                    + " (altered, or moved from another field)");
        }
    }
}
