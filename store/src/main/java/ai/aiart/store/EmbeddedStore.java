package ai.aiart.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The embedded MongoDB-wire server that stands in for MongoDB when none is configured.
 *
 * <p>Data lives in one H2 MVStore file ({@code <dataDir>/aiart-store.mv.db}); with no data
 * directory the store is in memory. Every write command is committed to the file before it
 * is acknowledged, so a process killed right after an acknowledged write loses nothing.
 */
public final class EmbeddedStore implements AutoCloseable {

    /** Commands that change data and therefore end with a commit. */
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify", "create", "createindexes",
            "drop", "dropindexes", "dropdatabase", "renamecollection");

    private final MongoServer server;
    private final IndexedH2Backend backend;
    private final InetSocketAddress address;

    private EmbeddedStore(MongoServer server, IndexedH2Backend backend, InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.address = address;
    }

    /**
     * Starts a store listening on {@code host:port} ({@code port} 0 picks a free one).
     *
     * @param dataDir where the data file lives, created if missing; {@code null} keeps data in memory
     */
    public static EmbeddedStore start(String host, int port, Path dataDir) {
        IndexedH2Backend backend = dataDir == null ? IndexedH2Backend.inMemoryStore() : fileBackend(dataDir);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new EmbeddedStore(server, backend, server.getLocalAddress());
    }

    private static IndexedH2Backend fileBackend(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's data directory " + dataDir, e);
        }
        return new CommittingH2Backend(dataDir.resolve("aiart-store.mv.db").toAbsolutePath().toString());
    }

    public int port() {
        return address.getPort();
    }

    public String host() {
        return address.getHostString();
    }

    /** A connection string for the MongoDB drivers. */
    public String connectionString() {
        return "mongodb://" + host() + ":" + port();
    }

    private boolean closed;

    /** Stops listening and closes the data file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        backend.close();
    }

    /** How many queries on {@code database.collection} the equality indexes answered ({@link IndexedH2Backend}). */
    long indexLookups(String database, String collection) {
        var found = backend.resolveDatabase(database).resolveCollection(collection, false);
        return found == null ? 0 : found.getIndexes().stream()
                .filter(EqualityIndex.class::isInstance)
                .mapToLong(index -> ((EqualityIndex) index).lookups())
                .sum();
    }

    /**
     * H2 backend that answers a write command only once the MVStore file holds it. Concurrent
     * writes share a commit ({@link GroupCommit}).
     */
    private static final class CommittingH2Backend extends IndexedH2Backend {
        private final GroupCommit groupCommit = new GroupCommit(this::commit);

        CommittingH2Backend(String fileName) {
            super(org.h2.mvstore.MVStore.open(fileName));
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document answer = super.handleCommand(channel, database, command, query);
            if (WRITE_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                groupCommit.awaitDurable();
            }
            return answer;
        }
    }
}
