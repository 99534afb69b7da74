package ai.aiart.store;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded store as its own process, so that several local backends share it and
 * any of them can be stopped without taking the data away from the others.
 *
 * <p>Settings (environment): {@code AIART_STORE_HOST} (default 127.0.0.1),
 * {@code AIART_STORE_PORT} (default 27017), {@code AIART_STORE_DATA} (default {@code data},
 * the word {@code memory} keeps nothing on disk).
 */
public final class EmbeddedStoreMain {

    private EmbeddedStoreMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // the wire server logs every connection at INFO; keep the console for what matters
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", env("AIART_STORE_LOG_LEVEL", "warn"));
        String host = env("AIART_STORE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("AIART_STORE_PORT", "27017"));
        String data = env("AIART_STORE_DATA", "data");
        Path dataDir = "memory".equals(data) ? null : Path.of(data);

        EmbeddedStore store = EmbeddedStore.start(host, port, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "store-shutdown"));
        System.out.println("AiArt embedded store listening on " + store.connectionString()
                + (dataDir == null ? " (in memory)" : " (data in " + dataDir.toAbsolutePath() + ")"));
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
