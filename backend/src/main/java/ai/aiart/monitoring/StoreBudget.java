package ai.aiart.monitoring;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.ne;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import ai.aiart.config.AiartConfig;
import ai.aiart.store.StoreCommands;
import ai.aiart.store.StoreConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The store commands a second of the whole cluster. Every backend spends the one store's
 * budget ({@code aiart.store.ops-budget}), so the figure that matters is their sum: this
 * instance's own rate, measured live ({@link StoreCommands}), plus the rate each other live
 * instance stored in its latest minute snapshot ({@code resource_metrics.store_ops_per_second}).
 * An instance is live when it took a snapshot within two snapshot intervals and 30 s; a
 * hibernating one takes none and sends almost nothing, so it is rightly left out.
 *
 * <p>Cost: one {@code find} on {@code resource_metrics} per reading (served by its index on
 * {@code at}, made by the first reading), and the alert reads once a minute; the snapshots it reads are written anyway.
 */
@ApplicationScoped
public class StoreBudget {

    /**
     * One reading. {@code perInstance} holds this instance (live figure) and every other live
     * instance (snapshot figure), by name. {@code evaluator} is true for the live instance with
     * the smallest name: only it raises the cluster's alert, so one condition gives one alert
     * however many backends see it.
     */
    public record Reading(double perSecond, Map<String, Double> perInstance, boolean evaluator) {
    }

    private final StoreCommands commands;
    private final MongoCollection<Document> snapshots;
    private final AiartConfig config;
    private final StoreConfig store;
    private final Clock clock;
    private final Duration window;
    private volatile boolean indexed;

    public StoreBudget(StoreCommands commands, MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AiartConfig config, MonitoringConfig monitoring, StoreConfig store, Clock clock) {
        this.commands = commands;
        this.snapshots = mongo.getDatabase(database).getCollection("resource_metrics");
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.window = liveWindow(monitoring.snapshotEvery());
    }

    /** The budget: commands a second all backends together may send. */
    public double budget() {
        return store.opsBudget();
    }

    /** Reads the cluster's rate now (one store command). */
    public Reading read() {
        ensureIndex();
        String self = config.instance();
        Instant since = Instant.now(clock).minus(window);
        List<Document> recent = snapshots.find(and(gte("at", since), ne("instance", self)))
                .projection(Projections.include("instance", "at", "store_ops_per_second"))
                .sort(Sorts.descending("at")).limit(100).into(new ArrayList<>());
        TreeMap<String, Double> perInstance = new TreeMap<>();
        perInstance.put(self, commands.perSecond());
        for (Document snapshot : recent) { // newest first: the first of each instance is its latest
            Object instance = snapshot.get("instance");
            if (instance instanceof String name && !perInstance.containsKey(name)) {
                Object rate = snapshot.get("store_ops_per_second");
                perInstance.put(name, rate instanceof Number n ? n.doubleValue() : 0.0);
            }
        }
        double sum = perInstance.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Reading(sum, Collections.unmodifiableMap(perInstance), self.equals(perInstance.firstKey()));
    }

    /**
     * Readings ask for the snapshots of the last minutes, the dashboard for those of a period and
     * the retention for the old ones, all by {@code at}: on MongoDB an index keeps each of them
     * from scanning a month of snapshots (the embedded store indexes no dates and scans anyway).
     * Made at the first reading rather than at start-up, so a store that is away does not hold up
     * the start; one command, once.
     */
    private void ensureIndex() {
        if (indexed) {
            return;
        }
        try {
            snapshots.createIndex(Indexes.ascending("at"));
            indexed = true;
        } catch (RuntimeException e) {
            Log.warnf("Could not create the resource_metrics index now: %s", e.toString());
        }
    }

    /** How long after its last snapshot an instance still counts as live. */
    static Duration liveWindow(String snapshotEvery) {
        Duration every;
        try {
            every = DurationConverter.parseDuration(snapshotEvery);
        } catch (RuntimeException e) {
            every = null; // a cron expression or "off": assume the default minute
        }
        if (every == null || every.isZero() || every.isNegative()) {
            every = Duration.ofMinutes(1);
        }
        return every.multipliedBy(2).plusSeconds(30);
    }
}
