package ai.aiart.store;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The store ({@code aiart.store.*}): the embedded server, and the budgets of stored bytes and of commands. */
@ConfigMapping(prefix = "aiart.store")
public interface StoreConfig {

    /** The embedded MongoDB-wire server used when no connection string is configured. */
    Embedded embedded();

    /**
     * Most bytes of stored results (GridFS bucket {@code results}). Past it the oldest results
     * are removed first until the total is under 95 % of it, and their jobs become
     * {@code expired}. The default leaves a free 512 MB cluster room for uploads, jobs and logs.
     */
    @WithDefault("350M")
    MemorySize resultsBudget();

    /**
     * Most bytes of stored uploads (GridFS bucket {@code uploads}). Past it uploads are refused
     * with 503 {@code resource_limit} until jobs that use them have ended.
     */
    @WithDefault("64M")
    MemorySize uploadsBudget();

    /**
     * How often the stored bytes are summed against the budgets (one aggregate per bucket);
     * skipped while the instance hibernates.
     */
    @WithDefault("1m")
    String budgetEvery();

    /**
     * Commands a second the whole store may take from all backends together: a free MongoDB
     * Atlas cluster allows about 100 operations a second and holds back the rest. The
     * dashboard draws it and {@code aiart.alerts.store-ops} alerts on a share of it.
     */
    @WithDefault("100")
    double opsBudget();

    interface Embedded {
        /**
         * Start the embedded store in this process when {@code quarkus.mongodb.connection-string}
         * is not set. If the port is already taken (another local backend runs it), this backend
         * joins that store instead.
         */
        @WithDefault("true")
        boolean enabled();

        /** Address the embedded store listens on; also where the client connects by default. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of the embedded store. */
        @WithDefault("27017")
        int port();

        /** Directory of the store's data file; {@code memory} keeps nothing on disk. */
        @WithName("data-dir")
        @WithDefault("data")
        String dataDir();
    }
}
