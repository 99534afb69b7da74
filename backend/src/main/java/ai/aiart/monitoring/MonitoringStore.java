package ai.aiart.monitoring;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.config.AiartConfig;
import ai.aiart.generation.service.QueueStats;
import ai.aiart.load.Hibernation;
import ai.aiart.load.ResourceMonitor;
import ai.aiart.store.StoreCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.web.Router;

/**
 * Writes what the dashboard reads: a {@link ResourceMetrics} snapshot every minute, the
 * request log (buffered in memory and written in batches, so a request never waits on the
 * store for it), and unexpected errors with their context.
 */
@ApplicationScoped
public class MonitoringStore {

    /** Job ids and similar tokens in paths, so the log groups by endpoint. */
    private static final Pattern ID_SEGMENT = Pattern.compile("/[A-Za-z0-9_-]{16,}(?=/|$)");

    private final ResourceMonitor monitor;
    private final QueueStats queue;
    private final Hibernation hibernation;
    private final IdentityResolver identities;
    private final AiartConfig config;
    private final Clock clock;
    private final BlockingQueue<RequestLogEntry> buffer;
    private final Counter dropped;
    private final MongoDatabase database;
    private final StoreCommands storeCommands;
    /** {@link StoreCommands#total()} at the previous snapshot, for the snapshot's {@code store_commands}. */
    private long storeCommandsBefore;

    public MonitoringStore(ResourceMonitor monitor, QueueStats queue, Hibernation hibernation, IdentityResolver identities,
            AiartConfig config, Clock clock, MeterRegistry meters, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, StoreCommands storeCommands) {
        this.database = mongo.getDatabase(database);
        this.storeCommands = storeCommands;
        this.monitor = monitor;
        this.queue = queue;
        this.hibernation = hibernation;
        this.identities = identities;
        this.config = config;
        this.clock = clock;
        this.buffer = new ArrayBlockingQueue<>(Math.max(100, config.monitoring().bufferSize()));
        this.dropped = meters.counter("aiart.request.log.dropped");
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-9).handler(ctx -> {
            long start = System.nanoTime();
            String ip = identities.clientIp(ctx.request());
            ctx.addEndHandler(done -> {
                RequestLogEntry entry = new RequestLogEntry();
                entry.at = Instant.now(clock);
                entry.instance = config.instance();
                entry.method = ctx.request().method().name();
                entry.path = ID_SEGMENT.matcher(ctx.normalizedPath()).replaceAll("/{id}");
                entry.status = ctx.response().getStatusCode();
                entry.durationMs = (System.nanoTime() - start) / 1_000_000.0;
                entry.ipHash = identities.hashIp(ip);
                if (!buffer.offer(entry)) {
                    dropped.increment();
                }
            });
            ctx.next();
        });
    }

    @Scheduled(identity = "request-log-flush", every = "{aiart.monitoring.flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void flush() {
        List<RequestLogEntry> batch = new ArrayList<>();
        buffer.drainTo(batch, 1000);
        if (batch.isEmpty()) {
            return;
        }
        try {
            database.getCollection("request_log", RequestLogEntry.class).insertMany(batch);
        } catch (RuntimeException e) {
            Log.warnf("Request log: %d entries not written (%s)", batch.size(), e.toString());
        }
    }

    @Scheduled(identity = "resource-snapshots", every = "{aiart.monitoring.snapshot-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    public void snapshot() {
        ResourceMetrics m = new ResourceMetrics();
        m.instance = config.instance();
        m.at = Instant.now(clock);
        m.cpu = monitor.cpu();
        m.memory = monitor.memory();
        m.load = monitor.load();
        m.rssBytes = ResourceMonitor.residentBytes().orElse(0);
        m.activeRequests = monitor.activeRequests();
        m.queueLength = queue.queued();
        m.runningJobs = queue.running();
        m.meanResponseMs = monitor.meanResponseMillis();
        m.hibernating = hibernation.hibernating();
        // the rate the cluster's store-ops alert sums over instances (AlertManager, StoreBudget)
        m.storeOpsPerSecond = Math.round(storeCommands.perSecond() * 100) / 100.0;
        long total = storeCommands.total();
        synchronized (this) {
            m.storeCommands = total - storeCommandsBefore;
            storeCommandsBefore = total;
        }
        try {
            database.getCollection("resource_metrics", ResourceMetrics.class).insertOne(m);
        } catch (RuntimeException e) {
            Log.warnf("Resource snapshot not stored: %s", e.toString());
        }
    }

    /** Deletes monitoring records older than {@code aiart.monitoring.keep}. */
    @Scheduled(identity = "monitoring-retention", every = "{aiart.cleanup-every}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    public void deleteOld() {
        java.util.Date cutoff = java.util.Date.from(Instant.now(clock).minus(config.monitoring().keep()));
        for (String collection : new String[] {"request_log", "page_events", "resource_metrics", "errors"}) {
            database.getCollection(collection).deleteMany(com.mongodb.client.model.Filters.lt("at", cutoff));
        }
    }

    /** Records an unexpected failure; never throws. */
    public void error(Throwable failure, String method, String path) {
        try {
            ErrorRecord record = new ErrorRecord();
            record.at = Instant.now(clock);
            record.instance = config.instance();
            record.method = method;
            record.path = path;
            record.type = failure.getClass().getName();
            record.message = failure.getMessage();
            StringWriter stack = new StringWriter();
            failure.printStackTrace(new PrintWriter(stack));
            record.stack = stack.toString().length() > 20_000 ? stack.toString().substring(0, 20_000) : stack.toString();
            database.getCollection("errors", ErrorRecord.class).insertOne(record);
        } catch (RuntimeException e) {
            Log.warnf("Error record not stored: %s", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
