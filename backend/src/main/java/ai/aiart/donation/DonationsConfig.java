package ai.aiart.donation;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The donation platform's webhook ({@code aiart.donations.*}, docs/IDENTITY.md). */
@ConfigMapping(prefix = "aiart.donations")
public interface DonationsConfig {

    /**
     * The Ko-fi "verification token" (Ko-fi → Settings → API → Webhooks), environment
     * {@code AIART_DONATIONS_VERIFICATION_TOKEN}. Unset: the webhook is disabled (403).
     */
    Optional<String> verificationToken();
}
