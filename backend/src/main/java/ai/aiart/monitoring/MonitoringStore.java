package ai.aiart.monitoring;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.core.ErrorObserved;
import ai.aiart.config.AiartConfig;
import ai.aiart.load.QueueStats;
import ai.aiart.load.Hibernation;
import ai.aiart.load.ResourceMonitor;
import ai.aiart.store.StoreCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.web.Router;

/**
 * Writes what the dashboard reads: a {@link ResourceMetrics} snapshot every minute, the traffic
 * roll-up (API requests and page beacons counted per minute in memory, see {@link TrafficRollup},
 * each closed minute written as one document, so no request or beacon waits on the store for it),
 * and unexpected errors with their context.
 */
@ApplicationScoped
public class MonitoringStore {

    /** Job ids and similar tokens in paths, so the roll-up groups by endpoint. */
    private static final Pattern ID_SEGMENT = Pattern.compile("/[A-Za-z0-9_-]{16,}(?=/|$)");

    private final ResourceMonitor monitor;
    private final QueueStats queue;
    private final Hibernation hibernation;
    private final IdentityResolver identities;
    private final AiartConfig config;
    private final MonitoringConfig settings;
    private final Clock clock;
    private final TrafficRollup traffic;
    /** Closed minutes not yet in the store, oldest first; guarded by {@link #write}'s lock. */
    private final Deque<Document> unwritten = new ArrayDeque<>();
    private final Counter dropped;
    private final MeterRegistry meters;
    private final MongoDatabase database;
    /** Whether the index on {@code at} (the analytics' range reads, the retention) exists; guarded like {@link #unwritten}. */
    private boolean indexed;
    private final StoreCommands storeCommands;
    /** {@link StoreCommands#total()} at the previous snapshot, for the snapshot's {@code store_commands}. */
    private long storeCommandsBefore;

    public MonitoringStore(ResourceMonitor monitor, QueueStats queue, Hibernation hibernation, IdentityResolver identities,
            AiartConfig config, MonitoringConfig settings, Clock clock, MeterRegistry meters, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, StoreCommands storeCommands) {
        this.database = mongo.getDatabase(database);
        this.storeCommands = storeCommands;
        this.monitor = monitor;
        this.queue = queue;
        this.hibernation = hibernation;
        this.identities = identities;
        this.config = config;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        MonitoringConfig m = settings;
        this.traffic = new TrafficRollup(new TrafficRollup.Limits(m.minuteIps(), m.minuteKeys(), m.minuteDurations()));
        this.dropped = meters.counter("aiart.traffic.minutes.dropped");
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-9).handler(ctx -> {
            long start = System.nanoTime();
            String ip = identities.visitorAddress(identities.clientIp(ctx.request())); // an IPv6 /64 is one visitor
            ctx.addEndHandler(done -> {
                int status = ctx.response().getStatusCode();
                String reason = ctx.get(RefusalReasons.KEY); // set by the REST layer's answer, if it was a refusal
                traffic.request(Instant.now(clock), config.instance(), ctx.request().method().name(),
                        ID_SEGMENT.matcher(ctx.normalizedPath()).replaceAll("/{id}"), status,
                        // rounded to 0.1 ms here, the precision the roll-up keeps every value at
                        Math.round((System.nanoTime() - start) / 100_000.0), identities.hashIp(ip),
                        reason != null ? reason : TrafficRollup.refusalOf(status, null, null));
            });
            ctx.next();
        });
    }

    /** Counts a page beacon into the current minute. */
    public void pageEvent(String type, String page, String target, String ipHash) {
        traffic.pageEvent(Instant.now(clock), config.instance(), type, page, target, ipHash);
    }

    /** Writes the minutes that have closed: one insert per minute with traffic, nothing when there was none. */
    @Scheduled(identity = "traffic-flush", every = "{aiart.monitoring.flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void flush() {
        write(traffic.closed(Instant.now(clock)));
    }

    /** Writes every minute held, the open one too (on shutdown; tests use it to see what was counted). */
    public void flushAll() {
        write(traffic.all());
    }

    private synchronized void write(List<Document> minutes) {
        for (Document minute : minutes) {
            Document overflow = minute.get("overflow", Document.class);
            if (overflow != null) {
                overflow.forEach((what, n) -> meters.counter("aiart.traffic.overflow", "what", what).increment(((Number) n).doubleValue()));
            }
            unwritten.addLast(minute);
        }
        while (unwritten.size() > Math.max(1, settings.unwrittenMinutes())) {
            unwritten.removeFirst();
            dropped.increment();
        }
        MongoCollection<Document> collection = database.getCollection(TrafficRollup.COLLECTION);
        if (!indexed && !unwritten.isEmpty()) {
            // with the first minute rather than at start-up, so a store that is away does not hold the start
            try {
                collection.createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
                indexed = true;
            } catch (RuntimeException e) {
                Log.warnf("Could not create the traffic roll-up's index now: %s", e.toString());
            }
        }
        while (!unwritten.isEmpty()) {
            try {
                collection.insertOne(unwritten.peekFirst());
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    Log.warnf("Traffic minute not written (%s); %d minutes kept for the next try", e.toString(), unwritten.size());
                    return;
                }
                // a retry of a write that had landed: the minute's id is fixed when it closes
            } catch (RuntimeException e) {
                Log.warnf("Traffic minute not written (%s); %d minutes kept for the next try", e.toString(), unwritten.size());
                return;
            }
            unwritten.removeFirst();
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

    /**
     * Deletes monitoring records older than {@code aiart.monitoring.keep}. {@code request_log} and
     * {@code page_events} are no longer written (the roll-up replaced them); what an earlier
     * version left there ages out here like the rest.
     */
    @Scheduled(identity = "monitoring-retention", every = "{aiart.cleanup-every}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    public void deleteOld() {
        java.util.Date cutoff = java.util.Date.from(Instant.now(clock).minus(settings.keep()));
        for (String collection : new String[] {TrafficRollup.COLLECTION, "resource_metrics", "errors",
            "request_log", "page_events"}) {
            database.getCollection(collection).deleteMany(com.mongodb.client.model.Filters.lt("at", cutoff));
        }
    }

    /** An unexpected failure of a request ({@code web/ProblemMappers}): kept as an error record. */
    void onError(@Observes ErrorObserved observed) {
        error(observed.failure(), observed.method(), observed.path());
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
        flushAll();
    }
}
