package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import ai.aiart.support.EmbeddedStoreResource;

/**
 * The store's start-up work against the real driver: with the store away, only the first piece
 * waits for it; the rest do not, and those that nothing else repeats run once the store answers,
 * once each, in their order.
 */
class StartupStoreWorkTest {

    private static final int SELECTION_MS = 1500;

    @Test
    void onlyTheFirstPieceWaitsForAnAbsentStoreAndTheKeptOnesRunOnceItAnswers() throws Exception {
        int port = EmbeddedStoreResource.freePort();
        List<String> done = new ArrayList<>();
        EmbeddedStore store = null;
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=" + SELECTION_MS)) {
            MongoDatabase db = mongo.getDatabase("aiart");
            StartupStoreWork work = new StartupStoreWork();
            List<String> tried = new ArrayList<>();
            long start = System.nanoTime();
            work.run("indexes", true, () -> {
                tried.add("indexes");
                index(db, "jobs", done);
            });
            work.run("the board", false, () -> {
                tried.add("the board");
                ping(db, "the board", done);
            });
            work.run("more indexes", true, () -> {
                tried.add("more indexes");
                index(db, "users", done);
            });
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(List.of("indexes"), tried, "one wait for the store (" + millis + " ms), not three");
            assertEquals(List.of(), done);
            assertTrue(work.waiting());

            work.retryKept(); // still away: the first kept piece waits, the other is not tried
            assertEquals(List.of("indexes", "indexes"), tried);
            assertEquals(List.of(), done);
            assertTrue(work.waiting());

            store = EmbeddedStore.start("127.0.0.1", port, null);
            work.retryKept();
            assertEquals(List.of("index on jobs", "index on users"), done, "the kept pieces, in order; the board refreshes on its own");
            assertEquals(List.of("indexes", "indexes", "indexes", "more indexes"), tried);
            assertFalse(work.waiting());
            assertTrue(db.getCollection("jobs").listIndexes().into(new ArrayList<>()).stream()
                    .anyMatch(i -> "by_test".equals(i.getString("name"))));

            work.retryKept();
            work.run("late", false, () -> ping(db, "late", done));
            assertEquals(List.of("index on jobs", "index on users", "late"), done, "nothing runs twice; new work runs at once");
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    void aFailureOtherThanTheStoresAbsenceIsDroppedAndTheRestStillRuns() {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient mongo = MongoClients.create(store.connectionString())) {
            MongoDatabase db = mongo.getDatabase("aiart");
            List<String> done = new ArrayList<>();
            StartupStoreWork work = new StartupStoreWork();
            work.run("a bad command", true, () -> db.runCommand(new Document("noSuchCommand", 1)));
            work.run("indexes", true, () -> index(db, "jobs", done));
            assertEquals(List.of("index on jobs"), done);
            assertFalse(work.waiting(), "a command the store refused is not the store's absence: not kept");
        }
    }

    private static void index(MongoDatabase db, String collection, List<String> done) {
        db.getCollection(collection).createIndex(new Document("t", 1), new com.mongodb.client.model.IndexOptions().name("by_test"));
        done.add("index on " + collection);
    }

    private static void ping(MongoDatabase db, String what, List<String> done) {
        db.runCommand(new Document("ping", 1));
        done.add(what);
    }
}
