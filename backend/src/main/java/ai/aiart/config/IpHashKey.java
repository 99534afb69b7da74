package ai.aiart.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The key client IPs are hashed with ({@code aiart.ip-hash-key}). Only the {@code dev} and
 * {@code test} profiles have a default key; under every other profile (production, the packaged
 * jar's default) the backend refuses to start without {@code AIART_IP_HASH_KEY}, or with the
 * development key: anybody could recompute the stored hashes from a published key.
 */
@Singleton
@Startup(0) // before anything else: a refused configuration stops the start at once
public class IpHashKey {

    /** The default of the {@code dev} and {@code test} profiles (application.properties). */
    public static final String DEVELOPMENT_KEY = "aiart-development-key-change-me";

    private final byte[] key;
    /** Keyed once; each hash works on a copy (a Mac is not thread-safe), sparing a provider look-up and the key's set-up a call. */
    private final Mac keyed;

    @Inject
    public IpHashKey(AiartConfig config) {
        this(check(ConfigUtils.getProfiles(), config.ipHashKey()).getBytes(StandardCharsets.UTF_8));
    }

    IpHashKey(byte[] key) {
        this.key = key.clone();
        this.keyed = newMac();
    }

    /**
     * HMAC-SHA256 of {@code value} with this key, hex, first 32 characters: what stands in the store
     * for a visitor's address, or for an erased account's id, so that nobody without the key can
     * recompute it from the address or id.
     */
    public String hash(String value) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(); // a provider whose Mac cannot be copied
        }
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * @return the key to use
     * @throws IllegalStateException when it is missing, or is the development key outside dev and test
     */
    public static String check(Collection<String> profiles, Optional<String> configured) {
        String key = configured.map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
        boolean production = !profiles.contains("dev") && !profiles.contains("test");
        if (key == null) {
            throw new IllegalStateException("Refusing to start: AIART_IP_HASH_KEY (aiart.ip-hash-key) is not set. "
                    + "Client IPs are stored only as hashes keyed with it; set it to a random secret, the same on every "
                    + "backend, e.g. AIART_IP_HASH_KEY=$(openssl rand -hex 32).");
        }
        if (production && key.equals(DEVELOPMENT_KEY)) {
            throw new IllegalStateException("Refusing to start: AIART_IP_HASH_KEY is the development key from "
                    + "application.properties, which anybody can read, so stored IP hashes could be reversed. Set a "
                    + "random secret, the same on every backend, e.g. AIART_IP_HASH_KEY=$(openssl rand -hex 32).");
        }
        return key;
    }
}
