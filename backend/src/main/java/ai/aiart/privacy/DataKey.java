package ai.aiart.privacy;

import java.util.Collection;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The data key ring ({@code aiart.data-key}), checked at start like the IP hash key: only the
 * {@code dev} and {@code test} profiles have a default ring; under every other profile the backend
 * refuses to start without {@code AIART_DATA_KEY}, or with the development ring, whose key anybody
 * can read in application.properties.
 */
@Singleton
@Startup(0) // with the other refusals of an unsafe configuration, before anything else
public class DataKey {

    /** The ring of the {@code dev} and {@code test} profiles (application.properties). */
    public static final String DEVELOPMENT_RING = "dev:YWlhcnQtZGV2ZWxvcG1lbnQtZGF0YS1rZXktMzJieXQ=";

    private final DataCipher cipher;

    public DataKey(PrivacyConfig config) {
        this.cipher = DataCipher.parse(check(ConfigUtils.getProfiles(), config.dataKey()));
    }

    /** The cipher of the configured ring. */
    public DataCipher cipher() {
        return cipher;
    }

    /**
     * @return the ring to use
     * @throws IllegalStateException when it is missing, malformed, or the development ring outside dev and test
     */
    public static String check(Collection<String> profiles, Optional<String> configured) {
        String ring = configured.map(String::trim).filter(r -> !r.isEmpty()).orElse(null);
        boolean production = !profiles.contains("dev") && !profiles.contains("test");
        if (ring == null) {
            throw new IllegalStateException("Refusing to start: AIART_DATA_KEY (aiart.data-key) is not set. E-mail "
                    + "addresses, prompts and donation records are stored encrypted with it; set it, the same on every "
                    + "backend, e.g. AIART_DATA_KEY=k1:$(openssl rand -base64 32).");
        }
        if (production && ring.contains(DEVELOPMENT_RING.substring(DEVELOPMENT_RING.indexOf(':') + 1))) {
            throw new IllegalStateException("Refusing to start: AIART_DATA_KEY holds the development key from "
                    + "application.properties, which anybody can read. Set a random one, the same on every backend, "
                    + "e.g. AIART_DATA_KEY=k1:$(openssl rand -base64 32).");
        }
        try {
            DataCipher.parse(ring);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start: AIART_DATA_KEY is malformed: " + e.getMessage() + ".");
        }
        return ring;
    }
}
