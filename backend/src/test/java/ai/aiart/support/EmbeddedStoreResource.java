package ai.aiart.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test its own port for the embedded store (in memory, see
 * {@code %test} in application.properties). The application starts the store itself, exactly
 * as it does in production with no connection string.
 */
public class EmbeddedStoreResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("aiart.store.embedded.port", String.valueOf(freePort()));
    }

    @Override
    public void stop() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
