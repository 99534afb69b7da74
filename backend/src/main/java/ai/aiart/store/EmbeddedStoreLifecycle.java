package ai.aiart.store;

import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the embedded store (docs/ARCHITECTURE.md) when no MongoDB connection string is configured.
 *
 * <p>The MongoDB client connects to {@code aiart.store.embedded.host:port} in that case
 * ({@code quarkus.mongodb.hosts}). The driver connects lazily, so the client may be created
 * before the store is listening.
 */
@ApplicationScoped
public class EmbeddedStoreLifecycle {

    private final StoreConfig.Embedded config;
    private final Optional<String> connectionString;
    private EmbeddedStore store;

    public EmbeddedStoreLifecycle(StoreConfig config,
            @ConfigProperty(name = "quarkus.mongodb.connection-string") Optional<String> connectionString) {
        this.config = config.embedded();
        this.connectionString = connectionString;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (connectionString.filter(s -> !s.isBlank()).isPresent()) {
            Log.infof("Store: MongoDB at the configured connection string");
            return;
        }
        if (!config.enabled()) {
            Log.infof("Store: connecting to %s:%d (embedded store not started here)", config.host(), config.port());
            return;
        }
        Path dataDir = "memory".equals(config.dataDir()) ? null : Path.of(config.dataDir());
        try {
            store = EmbeddedStore.start(config.host(), config.port(), dataDir);
            Log.infof("Store: embedded store started on %s (%s)", store.connectionString(),
                    dataDir == null ? "in memory" : "data in " + dataDir.toAbsolutePath());
        } catch (RuntimeException e) {
            if (isPortTaken(e)) {
                Log.infof("Store: port %d is taken; joining the embedded store already running there", config.port());
            } else {
                throw e;
            }
        }
    }

    /**
     * Stops the store after every other shutdown observer (the default priority is 2500): the last
     * traffic minute and the jobs handed back are written first, instead of each waiting out the
     * driver's server selection against a store already closed.
     */
    void onStop(@Observes @Priority(10_000) ShutdownEvent event) {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static boolean isPortTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
