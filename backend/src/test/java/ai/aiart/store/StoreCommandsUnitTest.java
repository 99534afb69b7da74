package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ConnectionDescription;
import com.mongodb.connection.ServerId;
import com.mongodb.event.CommandStartedEvent;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The listener on its own, fed driver events by hand, on a clock the test moves. */
class StoreCommandsUnitTest {

    private static final ConnectionDescription CONNECTION = new ConnectionDescription(new ServerId(new ClusterId(), new ServerAddress()));
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StoreCommands commands = new StoreCommands(meters, clock);

    private void send(String command, BsonDocument body) {
        commands.commandStarted(new CommandStartedEvent(null, 1, 1, CONNECTION, "aiart", command, body));
    }

    private static BsonDocument on(String command, String collection) {
        return new BsonDocument(command, new BsonString(collection)).append("$db", new BsonString("aiart"));
    }

    private double meter(String command, String collection) {
        var counter = meters.find("aiart.store.commands").tag("command", command).tag("collection", collection).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eachCommandIsCountedByCommandAndCollection() {
        send("find", on("find", "jobs"));
        send("find", on("find", "jobs"));
        send("insert", on("insert", "request_log"));
        send("aggregate", on("aggregate", "jobs"));
        send("getMore", new BsonDocument("getMore", new BsonInt64(42)).append("collection", new BsonString("fs.chunks")));
        send("ping", new BsonDocument("ping", new BsonInt32(1)));
        send("saslStart", new BsonDocument()); // security-sensitive commands reach listeners with an empty body

        assertEquals(2, meter("find", "jobs"));
        assertEquals(1, meter("insert", "request_log"));
        assertEquals(1, meter("aggregate", "jobs"));
        assertEquals(1, meter("getMore", "fs.chunks"), "getMore is counted on the collection it reads, not its cursor id");
        assertEquals(1, meter("ping", "none"));
        assertEquals(1, meter("saslStart", "none"));
        assertEquals(7, commands.total());
        assertEquals(2, commands.count("find", "jobs"));
        assertEquals(0, commands.count("delete", "jobs"));
    }

    @Test
    void tagsStayBounded() {
        for (int i = 0; i < StoreCommands.MAX_COLLECTIONS + 10; i++) {
            send("find", on("find", "c" + i));
        }
        assertEquals(1, meter("find", "c0"));
        assertEquals(1, meter("find", "c" + (StoreCommands.MAX_COLLECTIONS - 1)));
        assertEquals(10, meter("find", "other"), "collections past the cap share one tag");
        send("find", on("find", "c" + (StoreCommands.MAX_COLLECTIONS + 3)));
        assertEquals(11, meter("find", "other"));
        for (int i = 0; i < StoreCommands.MAX_COMMANDS + 5; i++) {
            send("cmd" + i, new BsonDocument("cmd" + i, new BsonInt32(1)));
        }
        assertEquals(6, meter("other", "none"), "command names past the cap (find took one place) share one tag");
        int findPairs = StoreCommands.MAX_COLLECTIONS + 1; // each collection, and other
        int otherCommands = StoreCommands.MAX_COMMANDS - 1 + 1; // the admitted names, and other
        assertEquals(findPairs + otherCommands, meters.find("aiart.store.commands").counters().size());
    }

    @Test
    void theRateIsTheMeanOverTheLastMinute() {
        for (int s = 0; s < 60; s++) { // two commands a second for a minute
            send("find", on("find", "jobs"));
            send("update", on("update", "jobs"));
            clock.advance(1000);
        }
        clock.advance(-1000); // back into the last second that counted
        assertEquals(2.0, commands.perSecond(), 1e-9);
        clock.advance(30_000); // half of the minute has passed without commands
        assertEquals(1.0, commands.perSecond(), 1e-9);
        clock.advance(30_000);
        assertEquals(0.0, commands.perSecond(), 1e-9);
        assertEquals(120, commands.total(), "the total stays");
        send("find", on("find", "jobs"));
        assertEquals(1 / 60.0, commands.perSecond(), 1e-9);
        assertEquals(1 / 60.0, meters.find("aiart.store.commands.per.second").gauge().value(), 1e-9);
    }

    @Test
    void justAfterStartTheRateIsOverTheSecondsSinceStart() {
        for (int i = 0; i < 10; i++) {
            send("find", on("find", "jobs"));
        }
        assertEquals(10.0, commands.perSecond(), 1e-9);
        clock.advance(4000);
        assertEquals(2.0, commands.perSecond(), 1e-9);
    }

    @Test
    void slotsAreReusedWhenTheirSecondHasLeftTheWindow() {
        send("find", on("find", "jobs"));
        clock.advance(64_000); // the same ring slot, 64 seconds later
        send("find", on("find", "jobs"));
        send("find", on("find", "jobs"));
        assertEquals(2 / 60.0, commands.perSecond(), 1e-9, "the old second's count is not added to the new one");
    }

    /** Time moved by the test. */
    static final class MovableClock extends Clock {
        private long millis = T0.toEpochMilli();

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
