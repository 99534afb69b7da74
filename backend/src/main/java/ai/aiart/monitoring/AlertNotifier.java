package ai.aiart.monitoring;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Tells the operator's webhook about alerts, guarded like every outbound call: a timeout,
 * a few retries, a circuit breaker; a notification that cannot be delivered is logged.
 */
@ApplicationScoped
public class AlertNotifier {

    private final Optional<AlertWebhookClient> client;

    public AlertNotifier(AlertsConfig config) {
        this.client = config.webhookUrl().filter(url -> !url.isBlank())
                .map(url -> QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                        .connectTimeout(3, java.util.concurrent.TimeUnit.SECONDS)
                        .readTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                        .build(AlertWebhookClient.class));
    }

    public boolean configured() {
        return client.isPresent();
    }

    /** Posts the text to the webhook, if one is configured. */
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 1.0, delay = 60, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("alert-webhook")
    @Fallback(fallbackMethod = "fallbackNotify")
    public void notify(String text) {
        client.ifPresent(webhook -> webhook.post(Map.of("content", text, "text", text, "username", "AiArt")));
    }

    void fallbackNotify(String text) {
        Log.warnf("Alert notification not delivered: %s", text);
    }
}
