package ai.aiart.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.Conventions;
import org.bson.codecs.pojo.PojoCodecProvider;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import ai.aiart.auth.User;
import ai.aiart.generation.Job;
import ai.aiart.monitoring.Alert;
import ai.aiart.monitoring.ErrorRecord;
import ai.aiart.monitoring.MonitoringConfig;
import ai.aiart.monitoring.ResourceMetrics;
import ai.aiart.monitoring.TrafficRollup;
import ai.aiart.ratelimit.ManualBlock;

/**
 * {@code make demo-day}: fills a store with a generated day of traffic so the dashboard has
 * something real to show. It writes the backend's own document classes (jobs, users, resource
 * snapshots, alerts, errors, one admin block) through the same POJO codec conventions the
 * backend's Mongo client uses, and the requests and page beacons through the backend's own
 * {@link TrafficRollup} (with the backend's default limits), so the shapes are exactly what the
 * running code writes and the admin API reads them as it reads its own. {@link DemoTraffic}
 * decides what happens, from a seed and a clock that walks through the period minute by minute.
 *
 * <p>Everything it writes is recognisable and replaced on the next run: instances
 * {@code demo-primary} and {@code demo-fallback}, job and user ids starting {@code demo-},
 * blocks created by {@code demo-admin}.
 *
 * <pre>
 * java -cp … ai.aiart.demo.DemoDay [--mongo=mongodb://127.0.0.1:27017] [--database=aiart]
 *     [--seed=7] [--hours=24] [--end=2026-11-26T16:00:00Z] [--visitors=450] [--keep]
 * </pre>
 */
public final class DemoDay {

    public static final String[] INSTANCES = {"demo-primary", "demo-fallback"};
    public static final String ID_PREFIX = "demo-";
    public static final String ADMIN = "demo-admin";

    /** What to generate. {@code end} is the last minute; {@code keep} adds to earlier demo data instead of replacing it. */
    public record Options(String mongo, String database, long seed, int hours, Instant end, int visitors, boolean keep) {

        public Options {
            if (hours < 1 || hours > 24 * 31) {
                throw new IllegalArgumentException("--hours must be from 1 to 744");
            }
            if (visitors < 1 || visitors > 100_000) {
                throw new IllegalArgumentException("--visitors must be from 1 to 100000");
            }
            end = end.truncatedTo(ChronoUnit.MINUTES);
        }

        public Instant start() {
            return end.minus(Duration.ofHours(hours));
        }
    }

    /** How many documents of each kind were written. */
    public record Summary(Map<String, Integer> written, int removed) {
    }

    private DemoDay() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            System.err.println("demo-day: " + e.getMessage());
            System.exit(2);
            return;
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(options.mongo()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, java.util.concurrent.TimeUnit.SECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase db = client.getDatabase(options.database()).withCodecRegistry(codecs());
            long started = System.nanoTime();
            Summary summary = write(db, options);
            System.out.printf(Locale.ROOT, "Generated %d h of traffic ending %s (seed %d, %d visitors a day) into %s/%s in %d ms%n",
                    options.hours(), options.end(), options.seed(), options.visitors(), options.mongo(), options.database(),
                    (System.nanoTime() - started) / 1_000_000);
            System.out.println("  removed earlier demo documents: " + summary.removed());
            summary.written().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-17s %6d%n", k, v));
        } catch (com.mongodb.MongoTimeoutException e) {
            System.err.println("demo-day: no store answers at " + options.mongo() + " (is `make run` running? "
                    + "Point AIART_DEMO_MONGO or --mongo at its store.)");
            System.exit(1);
        }
    }

    /** The backend Mongo client's codecs: the driver's defaults, then automatic POJOs with the default conventions. */
    public static CodecRegistry codecs() {
        return CodecRegistries.fromRegistries(MongoClientSettings.getDefaultCodecRegistry(), CodecRegistries.fromProviders(
                PojoCodecProvider.builder().automatic(true).conventions(Conventions.DEFAULT_CONVENTIONS).build()));
    }

    /** Removes earlier demo data (unless {@code keep}), then writes the generated period. */
    public static Summary write(MongoDatabase db, Options options) {
        return write(db, options, DemoTraffic.generate(options));
    }

    static Summary write(MongoDatabase db, Options options, DemoTraffic traffic) {
        int removed = options.keep() ? 0 : removeDemoData(db);
        Map<String, Integer> written = new java.util.LinkedHashMap<>();
        written.put("jobs", insert(db, "jobs", Job.class, traffic.jobs()));
        written.put("users", insert(db, "users", User.class, traffic.users()));
        written.put(TrafficRollup.COLLECTION, insert(db, TrafficRollup.COLLECTION, Document.class, rollUp(traffic)));
        written.put("resource_metrics", insert(db, "resource_metrics", ResourceMetrics.class, traffic.snapshots()));
        written.put("alerts", insert(db, "alerts", Alert.class, traffic.alerts()));
        written.put("errors", insert(db, "errors", ErrorRecord.class, traffic.errors()));
        written.put("blocks", insert(db, "blocks", ManualBlock.class, traffic.blocks()));
        return new Summary(written, removed);
    }

    /** The period's requests and beacons as the backends' roll-ups would have written them: a document per instance and minute. */
    static List<Document> rollUp(DemoTraffic traffic) {
        TrafficRollup rollup = new TrafficRollup(defaultLimits());
        for (DemoTraffic.Request r : traffic.requests()) {
            rollup.request(r.at(), r.instance(), r.method(), r.path(), r.status(), TrafficRollup.tenths(r.durationMs()), r.ipHash());
        }
        for (DemoTraffic.PageEvent e : traffic.pageEvents()) {
            rollup.pageEvent(e.at(), e.instance(), e.type(), e.page(), e.target(), e.ipHash());
        }
        return rollup.all();
    }

    /** The roll-up limits a backend runs with unless configured otherwise (read from MonitoringConfig's defaults). */
    static TrafficRollup.Limits defaultLimits() {
        return new TrafficRollup.Limits(configDefault("minuteIps"), configDefault("minuteKeys"), configDefault("minuteDurations"));
    }

    private static int configDefault(String method) {
        try {
            return Integer.parseInt(MonitoringConfig.class.getMethod(method)
                    .getAnnotation(io.smallrye.config.WithDefault.class).value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes what an earlier run wrote; returns how many documents. */
    public static int removeDemoData(MongoDatabase db) {
        var demoInstances = Filters.in("instance", (Object[]) INSTANCES);
        long removed = 0;
        for (String collection : new String[] {TrafficRollup.COLLECTION, "resource_metrics", "alerts", "errors"}) {
            removed += db.getCollection(collection).deleteMany(demoInstances).getDeletedCount();
        }
        for (String collection : new String[] {"jobs", "users"}) {
            removed += db.getCollection(collection).deleteMany(Filters.regex("_id", "^" + ID_PREFIX)).getDeletedCount();
        }
        removed += db.getCollection("blocks").deleteMany(new Document("created_by", ADMIN)).getDeletedCount();
        return (int) removed;
    }

    private static <T> int insert(MongoDatabase db, String collection, Class<T> type, List<T> documents) {
        for (int i = 0; i < documents.size(); i += 1000) {
            db.getCollection(collection, type).insertMany(documents.subList(i, Math.min(documents.size(), i + 1000)));
        }
        return documents.size();
    }

    static Options parse(String[] args) {
        Map<String, String> given = java.util.Arrays.stream(args).map(a -> a.replaceFirst("^--", "").split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "true", (a, b) -> b));
        for (String key : given.keySet()) {
            if (!List.of("mongo", "database", "seed", "hours", "end", "visitors", "keep").contains(key)) {
                throw new IllegalArgumentException("Unknown option --" + key
                        + " (known: --mongo, --database, --seed, --hours, --end, --visitors, --keep)");
            }
        }
        Function<String, String> get = key -> given.getOrDefault(key,
                System.getenv("AIART_DEMO_" + key.toUpperCase(Locale.ROOT)));
        String end = get.apply("end");
        return new Options(
                orDefault(get.apply("mongo"), "mongodb://127.0.0.1:27017"),
                orDefault(get.apply("database"), "aiart"),
                Long.parseLong(orDefault(get.apply("seed"), "7")),
                Integer.parseInt(orDefault(get.apply("hours"), "24")),
                end == null || end.isBlank() ? Instant.now() : Instant.parse(end),
                Integer.parseInt(orDefault(get.apply("visitors"), "450")),
                Boolean.parseBoolean(orDefault(get.apply("keep"), "false")));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
