package ai.aiart.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No workers and a small queue: jobs stay where a test puts them. */
public class QueueOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aiart.queue.workers", "0",
                "aiart.queue.max", "5",
                "aiart.queue.initial-service-time", "4s",
                "aiart.queue.reap-every", "off",
                "aiart.cleanup-every", "off");
    }
}
