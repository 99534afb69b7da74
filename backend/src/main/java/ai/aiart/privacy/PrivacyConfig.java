package ai.aiart.privacy;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The key ring of personal data ({@code aiart.data-key}, a key at the top of the tree). */
@ConfigMapping(prefix = "aiart")
public interface PrivacyConfig {

    /**
     * The key ring personal data is encrypted with before it is stored ({@code AIART_DATA_KEY}):
     * {@code id:base64key}, comma separated, the first encrypting (docs/IDENTITY.md, "Encrypted at
     * rest"). Only the {@code dev} and {@code test} profiles have a default; every other profile
     * refuses to start without one, or with the development ring ({@link DataKey}).
     */
    Optional<String> dataKey();
}
