package ai.aiart.support;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link QueueOnlyProfile}, and the job board refreshed only at start: no background command
 * finds on {@code jobs}, so a test that counts them counts its own work.
 */
public class QuietQueueProfile extends QueueOnlyProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("aiart.queue.stats-every", "1h");
        overrides.put("aiart.queue.stats-idle-every", "1h");
        return overrides;
    }
}
