package ai.aiart.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a test that moves its jobs itself: no workers, no reaper, no clean-up and no
 * budget sweep, so nothing changes the store behind the test's back.
 */
public final class NoSchedules {

    private NoSchedules() {
    }

    /** Those settings, with {@code more} on top. */
    public static Map<String, String> with(Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "aiart.queue.workers", "0",
                "aiart.queue.reap-every", "off",
                "aiart.cleanup-every", "off",
                "aiart.store.budget-every", "off"));
        overrides.putAll(more);
        return overrides;
    }
}
