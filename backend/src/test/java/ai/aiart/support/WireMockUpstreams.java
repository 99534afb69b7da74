package ai.aiart.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * One WireMock server on a free port standing in for Stability, DashScope and Gemini: the
 * application gets their base URLs pointed at it and fake API keys, so every provider is
 * configured. Tests stub the real wire formats and count the requests the server saw.
 */
public class WireMockUpstreams extends WireMockResource {

    public static final String STABILITY_KEY = "sk-test-stability";
    public static final String DASHSCOPE_KEY = "sk-test-dashscope";
    public static final String GEMINI_KEY = "test-gemini-key";

    @Override
    public Map<String, String> start() {
        String url = startServer(WireMockConfiguration.options().containerThreads(20).asynchronousResponseEnabled(true));
        return Map.of(
                "aiart.providers.stability.base-url", url,
                "aiart.providers.stability.api-key", STABILITY_KEY,
                "aiart.providers.dashscope.base-url", url,
                "aiart.providers.dashscope.api-key", DASHSCOPE_KEY,
                "aiart.providers.gemini.base-url", url,
                "aiart.providers.gemini.api-key", GEMINI_KEY);
    }
}
