package ai.aiart.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a test that counts what the limiter grants: load adaptation can never trigger
 * (no load reaches 1.5), so a busy test machine does not halve the capacities under the test's
 * feet (docs/FAIR_USE.md, "Load adaptation"; RateLimitTest checks adaptation itself).
 */
public final class PinnedLoad {

    /** The environment of a packaged backend with the same settings (the integration tests). */
    public static final Map<String, String> ENV = Map.of("AIART_RATE_LIMIT_HIGH_LOAD", "1.5", "AIART_RATE_LIMIT_NORMAL_LOAD", "1.4");

    private PinnedLoad() {
    }

    /** Those settings, with {@code more} on top. */
    public static Map<String, String> with(Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of("aiart.rate-limit.high-load", "1.5", "aiart.rate-limit.normal-load", "1.4"));
        overrides.putAll(more);
        return overrides;
    }
}
