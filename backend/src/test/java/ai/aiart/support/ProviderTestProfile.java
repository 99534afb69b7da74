package ai.aiart.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.aiart.provider.upstream.UpstreamGuards;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Every upstream provider configured against {@link WireMockUpstreams}, with the fault-tolerance
 * pauses shortened so that retries, timeouts and polling take milliseconds: retry delay 20 ms
 * (a {@code Retry-After} is still honoured as sent), timeout 1.5 s per attempt, polling every
 * 50 ms. Breaker thresholds stay as in production.
 */
public class ProviderTestProfile implements QuarkusTestProfile {

    /** The timeout of one guarded call under this profile, in milliseconds. */
    public static final long TIMEOUT_MILLIS = 1500;

    /** The guards of the upstream policy (provider/upstream/UpstreamGuards), one a provider. */
    private static final List<String> GUARDS = List.of(UpstreamGuards.STABILITY, UpstreamGuards.DASHSCOPE, UpstreamGuards.GEMINI);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String guard : GUARDS) {
            String prefix = "quarkus.fault-tolerance.\"" + guard + "\".";
            config.put(prefix + "retry.delay", "20");
            config.put(prefix + "retry.delay-unit", "millis");
            config.put(prefix + "timeout.value", String.valueOf(TIMEOUT_MILLIS));
            config.put(prefix + "timeout.unit", "millis");
        }
        config.put("aiart.providers.max-backoff", "100ms");
        config.put("aiart.providers.dashscope.poll-interval", "50ms");
        config.put("aiart.providers.gemini.poll-interval", "50ms");
        // the model canary runs only when a test asks (ModelCanaryTest): a scheduled run would judge
        // whatever another test class has stubbed and could mark a provider misconfigured under it
        config.put("aiart.providers.canary.every", "off");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockUpstreams.class));
    }
}
