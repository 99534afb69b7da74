package ai.aiart.support;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link QueueOnlyProfile} with the tests' generous allowance, and the job board refreshed only at start: no background command
 * finds on {@code jobs}, so a test that counts them counts its own work. No proxy hop is trusted; {@code Fly-Client-IP} is.
 */
public class QuietQueueProfile extends QueueOnlyProfile {

    /** Live-status streams end this soon (JobEventsMaxDurationTest); the profile's other tests open none. */
    public static final java.time.Duration EVENTS_MAX_DURATION = java.time.Duration.ofSeconds(3);
    /** The header trusted to carry the client's address, as on Fly (docs/FAIR_USE.md, "Client IP and proxies"). */
    public static final String CLIENT_IP_HEADER = "Fly-Client-IP";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        // the tests' generous allowance: these tests count commands, not refusals
        overrides.keySet().removeIf(key -> key.startsWith("aiart.rate-limit.") || key.equals("aiart.trusted-proxies"));
        overrides.put("aiart.queue.stats-every", "1h");
        overrides.put("aiart.queue.stats-idle-every", "1h");
        overrides.put("aiart.queue.events-max-duration", EVENTS_MAX_DURATION.toSeconds() + "s");
        // the platform's client header (ClientAddressResourceTest); the profile's other tests send none
        overrides.put("aiart.client-ip-header", CLIENT_IP_HEADER);
        return overrides;
    }
}
