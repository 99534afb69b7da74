package ai.aiart.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application signed into the real Firebase Auth emulator ({@link FirebaseAuthEmulatorResource}),
 * with production limits (so the policy headers read {@code w=60}), an admin e-mail, the internal
 * key and the Ko-fi token set, a rotated data-key ring, and no workers: jobs stay queued until a test
 * finishes them.
 */
public class FirebaseEmulatorProfile implements QuarkusTestProfile {

    public static final String ADMIN_EMAIL = "admin@aiart.test";
    public static final String INTERNAL_KEY = "test-internal-key";
    public static final String KOFI_TOKEN = "test-kofi-verification-token";

    /**
     * A rotated data-key ring: new values are sealed with key {@code b}, older ones under the
     * development key are still read (EncryptedAtRestTest; the other tests do not mind which key).
     */
    public static final String ROTATED_DATA_KEY_B = "b:" + java.util.Base64.getEncoder()
            .encodeToString("rotated-data-key-b-for-tests-32b".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = PinnedLoad.with(Map.of(
                "aiart.rate-limit.window", "60s",
                "aiart.auth.admin-emails", ADMIN_EMAIL,
                "aiart.internal-api-key", INTERNAL_KEY,
                "aiart.donations.verification-token", KOFI_TOKEN,
                "aiart.queue.workers", "0",
                "aiart.queue.reap-every", "off",
                "aiart.cleanup-every", "off",
                // users' job counts are written when their record is read, not in the background
                "aiart.auth.usage-flush-every", "off"));
        config.put("aiart.data-key", ROTATED_DATA_KEY_B + "," + ai.aiart.privacy.DataKey.DEVELOPMENT_RING);
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FirebaseAuthEmulatorResource.class));
    }
}
