package ai.aiart.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A WireMock server on a free port standing in for the operator's chat webhook. */
public class WireMockWebhook extends WireMockResource {

    @Override
    public Map<String, String> start() {
        return Map.of("aiart.alerts.webhook-url", startServer(WireMockConfiguration.options()) + "/hooks/aiart");
    }
}
