package ai.aiart.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extensions;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.notmatched.NotMatchedRenderer;
import com.github.tomakehurst.wiremock.verification.notmatched.PlainTextStubNotMatchedRenderer;

/**
 * One WireMock server on a free port standing in for Stability, DashScope and Gemini: the
 * application gets their base URLs pointed at it and fake API keys, so every provider is
 * configured. Tests stub the real wire formats and count the requests the server saw. A request
 * that no stub matches and that names a model the service does not know ({@link UpstreamModels})
 * gets the service's own "not found" answer, so a retired default fails here as it would upstream.
 */
public class WireMockUpstreams extends WireMockResource {

    public static final String STABILITY_KEY = "sk-test-stability";
    public static final String DASHSCOPE_KEY = "sk-test-dashscope";
    public static final String GEMINI_KEY = "test-gemini-key";

    @Override
    public Map<String, String> start() {
        String url = startServer(WireMockConfiguration.options().containerThreads(20).asynchronousResponseEnabled(true)
                .notMatchedRendererFactory(UnknownModels::new));
        return Map.of(
                "aiart.providers.stability.base-url", url,
                "aiart.providers.stability.api-key", STABILITY_KEY,
                "aiart.providers.dashscope.base-url", url,
                "aiart.providers.dashscope.api-key", DASHSCOPE_KEY,
                "aiart.providers.gemini.base-url", url,
                "aiart.providers.gemini.api-key", GEMINI_KEY);
    }

    /** Unmatched requests: the service's answer to an unknown model, else WireMock's usual report. */
    static final class UnknownModels extends NotMatchedRenderer {

        private final PlainTextStubNotMatchedRenderer usual;

        UnknownModels(Extensions extensions) {
            this.usual = new PlainTextStubNotMatchedRenderer(extensions);
        }

        @Override
        protected ResponseDefinition render(Admin admin, ServeEvent event) {
            Request request = event.getRequest();
            return UpstreamModels.unknownModel(request.getMethod().getName(), request.getUrl(), request.getBodyAsString())
                    .map(a -> ResponseDefinitionBuilder.responseDefinition().withStatus(a.status())
                            .withHeader("Content-Type", "application/json").withBody(a.body()).build())
                    .orElseGet(() -> usual.render(admin, event));
        }
    }
}
