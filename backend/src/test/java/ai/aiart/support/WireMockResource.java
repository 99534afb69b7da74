package ai.aiart.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server on a free loopback port as a Quarkus test resource: started by the
 * subclass's {@code start()} (which returns the settings pointing the application at it),
 * injected into {@code @InjectWireMock} fields, stopped with the test class.
 */
abstract class WireMockResource implements QuarkusTestResourceLifecycleManager {

    protected WireMockServer server;

    /** Starts the server with {@code options} (a free loopback port is set here) and returns its base URL. */
    protected String startServer(WireMockConfiguration options) {
        server = new WireMockServer(options.bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server.baseUrl();
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
