package ai.aiart.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A WireMock server on a free port standing in for the operator's chat webhook. The scheduled
 * evaluation is off where it is used: the tests evaluate on their own readings, and a scheduled
 * run in between would open or resolve alerts behind their backs.
 */
public class WireMockWebhook extends WireMockResource {

    @Override
    public Map<String, String> start() {
        return Map.of("aiart.alerts.webhook-url", startServer(WireMockConfiguration.options()) + "/hooks/aiart",
                "aiart.alerts.evaluate-every", "off");
    }
}
