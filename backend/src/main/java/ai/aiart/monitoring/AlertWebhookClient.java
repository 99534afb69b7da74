package ai.aiart.monitoring;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;

/** The operator's chat webhook (Discord or Slack incoming webhook: both read this JSON). */
interface AlertWebhookClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    void post(Map<String, Object> message);
}
