package ai.aiart.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Hibernation after 1.5 s without API traffic (on the application's clock, which the tests stop
 * and move), resource snapshots and the retention clean-up every second from the first second,
 * the queue's figures refreshed every 100 ms, and no workers: jobs stay where a test puts them.
 * HibernationTest and RetentionTest share it, and so one application start.
 */
public class ShortIdleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aiart.hibernation.idle", "1500ms", "aiart.monitoring.snapshot-every", "1s",
                "aiart.queue.stats-every", "100ms", "aiart.queue.stats-idle-every", "100ms", "aiart.queue.workers", "0",
                // the scheduled clean-up, to see it skipped and run (RetentionTest); the other retention tasks
                // sharing the schedule start minutes later, after these tests
                "aiart.cleanup-every", "1s", "aiart.cleanup-delay", "1s");
    }
}
