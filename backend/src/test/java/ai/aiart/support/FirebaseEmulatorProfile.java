package ai.aiart.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application signed into the real Firebase Auth emulator ({@link FirebaseAuthEmulatorResource}),
 * with production limits (so the policy headers read {@code w=60}), an admin e-mail, the internal
 * key and the Ko-fi token set, and no workers: jobs stay queued until a test finishes them.
 */
public class FirebaseEmulatorProfile implements QuarkusTestProfile {

    public static final String ADMIN_EMAIL = "admin@aiart.test";
    public static final String INTERNAL_KEY = "test-internal-key";
    public static final String KOFI_TOKEN = "test-kofi-verification-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return PinnedLoad.with(Map.of(
                "aiart.rate-limit.window", "60s",
                "aiart.auth.admin-emails", ADMIN_EMAIL,
                "aiart.internal-api-key", INTERNAL_KEY,
                "aiart.donations.verification-token", KOFI_TOKEN,
                "aiart.queue.workers", "0",
                "aiart.queue.reap-every", "off",
                "aiart.cleanup-every", "off",
                // users' job counts are written when their record is read, not in the background
                "aiart.auth.usage-flush-every", "off"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FirebaseAuthEmulatorResource.class));
    }
}
