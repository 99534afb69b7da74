package ai.aiart.store;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every command the backend sends to the store, by command and collection: the store's
 * budget (a free MongoDB Atlas cluster allows about 100 operations a second for everything that
 * uses it) is spent here, so it is measured here, like time. A driver {@link CommandListener}:
 * the Quarkus MongoDB extension registers every CDI bean implementing it with the clients it
 * creates, so nothing sent through the application's client escapes it.
 *
 * <p>Meters: {@code aiart.store.commands{command,collection}} (a counter; {@code collection} is
 * {@code none} for commands that name none, such as {@code ping}) and
 * {@code aiart.store.commands.per.second} ({@link #perSecond()}). Both tags are bounded: past
 * {@value #MAX_COMMANDS} command names or {@value #MAX_COLLECTIONS} collection names, new ones
 * are counted as {@code other}.
 *
 * <p>The hot path is a few map look-ups and two increments: the counter of a (command,
 * collection) pair is created once and kept, the total is a {@link LongAdder}, and the rate is a
 * ring of per-second counts updated by one compare-and-set, read only when someone asks.
 */
@Singleton
public class StoreCommands implements CommandListener {

    /** The rate is the mean over this many seconds (fewer just after start-up). */
    public static final int WINDOW_SECONDS = 60;
    static final int MAX_COMMANDS = 40;
    static final int MAX_COLLECTIONS = 64;
    static final String NONE = "none";
    static final String OTHER = "other";
    /** Ring slots: a power of two above the window, so a slot is reused only after it has left it. */
    private static final int SLOTS = 64;
    private static final long LOW = 0xFFFF_FFFFL;

    private final MeterRegistry meters;
    private final Clock clock;
    private final long startSecond;
    private final LongAdder total = new LongAdder();
    /** Per slot: the epoch second it counts (high 32 bits) and its count (low 32 bits). */
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> collections = new ConcurrentHashMap<>();

    public StoreCommands(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.startSecond = clock.millis() / 1000;
        Gauge.builder("aiart.store.commands.per.second", this, StoreCommands::perSecond)
                .description("Store commands a second sent by this instance, mean over the last minute")
                .register(meters);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String command = event.getCommandName();
        counter(command, collectionOf(command, event.getCommand())).increment();
        total.increment();
        tick(clock.millis() / 1000);
    }

    /** Commands sent since this instance started. */
    public long total() {
        return total.sum();
    }

    /**
     * Commands a second over the last {@value #WINDOW_SECONDS} seconds (the current one
     * included), or since start-up if that is shorter.
     */
    public double perSecond() {
        long now = clock.millis() / 1000;
        long sum = 0;
        for (int back = 0; back < WINDOW_SECONDS; back++) {
            long second = now - back;
            long slot = seconds.get(slotOf(second));
            if ((slot >>> 32) == (second & LOW)) {
                sum += slot & LOW;
            }
        }
        long span = Math.min(WINDOW_SECONDS, Math.max(1, now - startSecond + 1));
        return (double) sum / span;
    }

    /** Commands sent since start-up of one command on one collection (as tagged). */
    public long count(String command, String collection) {
        Map<String, Counter> byCollection = counters.get(command);
        Counter counter = byCollection == null ? null : byCollection.get(collection);
        return counter == null ? 0 : (long) counter.count();
    }

    private void tick(long second) {
        int i = slotOf(second);
        long stamp = second & LOW;
        for (;;) {
            long slot = seconds.get(i);
            long next = (slot >>> 32) == stamp ? slot + 1 : (stamp << 32) | 1;
            if (seconds.compareAndSet(i, slot, next)) {
                return;
            }
        }
    }

    private static int slotOf(long second) {
        return (int) (second & (SLOTS - 1));
    }

    /** The collection a command works on: its first value, or {@code collection} for getMore. */
    static String collectionOf(String command, BsonDocument body) {
        try {
            BsonValue value = body.get("getMore".equals(command) ? "collection" : command);
            return value != null && value.isString() ? value.asString().getValue() : NONE;
        } catch (RuntimeException e) {
            return OTHER; // an unreadable command document must never fail the command
        }
    }

    private Counter counter(String command, String collection) {
        Map<String, Counter> byCollection = counters.get(command);
        Counter counter = byCollection == null ? null : byCollection.get(collection);
        return counter != null ? counter : register(command, collection);
    }

    /** The slow path, once per new pair: keeps the tags bounded. */
    private synchronized Counter register(String command, String collection) {
        String commandTag = counters.containsKey(command) || counters.size() < MAX_COMMANDS ? command : OTHER;
        String collectionTag = collection;
        if (!NONE.equals(collection) && !collections.containsKey(collection)) {
            if (collections.size() < MAX_COLLECTIONS) {
                collections.put(collection, Boolean.TRUE);
            } else {
                collectionTag = OTHER;
            }
        }
        Counter counter = Counter.builder("aiart.store.commands")
                .description("Commands sent to the store, by command and collection")
                .tag("command", commandTag).tag("collection", collectionTag)
                .register(meters);
        // kept under the names as sent, so the next command of this pair takes the fast path
        counters.computeIfAbsent(command, c -> new ConcurrentHashMap<>()).put(collection, counter);
        return counter;
    }
}
