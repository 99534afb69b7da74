package ai.aiart.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * No workers and a small queue: jobs stay where a test puts them. The production allowance, requests
 * over it going to the deferred lane (QueueTest), and one proxy trusted so that a test can be several
 * visitors.
 */
public class QueueOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return PinnedLoad.with(Map.of(
                "aiart.queue.workers", "0",
                // the production allowance, and the deferred lane (QueueTest)
                "aiart.rate-limit.anonymous", "3",
                "aiart.rate-limit.window", "60s",
                "aiart.rate-limit.over-limit", "defer",
                "aiart.trusted-proxies", "1",
                "aiart.queue.max", "5",
                "aiart.queue.initial-service-time", "4s",
                "aiart.queue.reap-every", "off",
                "aiart.cleanup-every", "off"));
    }
}
