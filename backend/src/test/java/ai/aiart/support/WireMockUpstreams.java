package ai.aiart.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server on a free port standing in for Stability, DashScope and Gemini: the
 * application gets their base URLs pointed at it and fake API keys, so every provider is
 * configured. Tests stub the real wire formats and count the requests the server saw.
 */
public class WireMockUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final String STABILITY_KEY = "sk-test-stability";
    public static final String DASHSCOPE_KEY = "sk-test-dashscope";
    public static final String GEMINI_KEY = "test-gemini-key";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(20).asynchronousResponseEnabled(true));
        server.start();
        String url = server.baseUrl();
        return Map.of(
                "aiart.providers.stability.base-url", url,
                "aiart.providers.stability.api-key", STABILITY_KEY,
                "aiart.providers.dashscope.base-url", url,
                "aiart.providers.dashscope.api-key", DASHSCOPE_KEY,
                "aiart.providers.gemini.base-url", url,
                "aiart.providers.gemini.api-key", GEMINI_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
