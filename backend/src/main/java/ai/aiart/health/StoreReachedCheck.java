package ai.aiart.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import com.mongodb.client.MongoClient;

import ai.aiart.load.QueueStats;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code /q/health/started}: DOWN until this backend has reached its store once since it started,
 * UP from then on whatever the store does later (its state now is in {@code /q/health/ready}).
 * For platforms that probe continuously and act on failures (Render takes an instance out of
 * routing after 15 s and restarts it after 60 s; Fly stops routing to it): a wrong connection
 * string still never replaces a working deploy, and a store outage later neither restarts nor
 * hides a backend that restarting would not help (docs/OPERATIONS.md, "Health").
 *
 * <p>The store counts as reached once the job board has read it ({@link QueueStats#storeReachable},
 * looked at every second until then and at each probe, from memory: so a store that answered the
 * board and went away before any probe still counts), or once it has answered the check itself.
 * Until then, a probe asks the store with one {@code ping} (one at a time: a probe that finds one
 * under way waits for it) and waits at most {@link #WAIT}, so a probe never hangs on an absent
 * store; once reached, a probe sends no command at all.
 */
@Startup
@ApplicationScoped
public class StoreReachedCheck implements HealthCheck {

    public static final String NAME = "store reached since start";
    /** How long a probe waits for the store's answer. */
    public static final Duration WAIT = Duration.ofSeconds(2);

    private final MongoClient mongo;
    private final BooleanSupplier readElsewhere;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Void>> attempt = new AtomicReference<>();
    private volatile Instant reachedAt;

    @Inject
    public StoreReachedCheck(MongoClient mongo, QueueStats queue, Clock clock) {
        this(mongo, queue::storeReachable, clock);
    }

    /** @param readElsewhere whether the store has just been read by the application's own work */
    StoreReachedCheck(MongoClient mongo, BooleanSupplier readElsewhere, Clock clock) {
        this.mongo = mongo;
        this.readElsewhere = readElsewhere;
        this.clock = clock;
    }

    /** Notes the job board's successful read of the store; from memory, nothing once reached. */
    @Scheduled(every = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void watch() {
        if (reachedAt == null && readElsewhere.getAsBoolean()) {
            reachedAt = clock.instant();
        }
    }

    @Override
    public HealthCheckResponse call() {
        watch();
        String failure = reachedAt == null ? ask() : null;
        if (failure != null) {
            return HealthCheckResponse.named(NAME).down().withData("store", failure).build();
        }
        return HealthCheckResponse.named(NAME).up().withData("reached_at", reachedAt.toString()).build();
    }

    /** Whether the store has answered since start. */
    public boolean reached() {
        return reachedAt != null;
    }

    /** Asks the store (or waits for the question under way): null once it has answered, else why not, in words. */
    private String ask() {
        CompletableFuture<Void> current = attempt.get();
        if (current == null || current.isDone()) {
            CompletableFuture<Void> next = new CompletableFuture<>();
            if (attempt.compareAndSet(current, next)) {
                Thread ping = new Thread(() -> ping(next), "store-reached-check");
                ping.setDaemon(true);
                ping.start();
                current = next;
            } else {
                current = attempt.get(); // another probe started one just now
            }
        }
        try {
            current.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "not reached since start: no answer within " + WAIT.toSeconds() + " s";
        } catch (ExecutionException e) {
            // the class only: a driver's message names hosts, and this answer is public
            return "not reached since start: " + e.getCause().getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not reached since start: interrupted";
        }
    }

    private void ping(CompletableFuture<Void> done) {
        try {
            mongo.getDatabase("admin").runCommand(new Document("ping", 1));
            reachedAt = clock.instant();
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
