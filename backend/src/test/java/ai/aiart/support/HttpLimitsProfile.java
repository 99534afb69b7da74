package ai.aiart.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tight limits on the HTTP edge: two result downloads at once, a third waiting 300 ms before it is
 * refused (ResultDownloadsTest), and a request body's deadline of 2 s (SlowBodyTest). The two tests
 * share it, and so one application start: neither's requests come near the other's limit.
 */
public class HttpLimitsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aiart.generation.max-concurrent-downloads", "2", "aiart.generation.download-wait", "300ms",
                "aiart.http.body-deadline", "2s");
    }
}
