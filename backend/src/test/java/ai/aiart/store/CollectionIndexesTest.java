package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import ai.aiart.support.EmbeddedStoreResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A collection's indexes against the real driver and the embedded store, counting the commands
 * sent: all of them made in one command on a new collection, then one listIndexes a start while
 * they are there; a retired index dropped only while it exists.
 */
class CollectionIndexesTest {

    private static final List<IndexModel> WANTED = List.of(
            new IndexModel(Indexes.ascending("status", "created_at"), new IndexOptions().name("queue")),
            new IndexModel(Indexes.ascending("owner"), new IndexOptions().name("owner").sparse(true)),
            new IndexModel(Indexes.descending("at"), new IndexOptions().name("newest")));

    @Test
    void oneCommandAStartOnceTheyAreThere() throws Exception {
        int port = EmbeddedStoreResource.freePort();
        // the application's own command counter (a test class may not implement CommandListener: the
        // MongoDB extension would make it a bean of every Quarkus test's application)
        StoreCommands counter = new StoreCommands(new SimpleMeterRegistry(), Clock.systemUTC());
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", port, null);
                MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                        .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port)).addCommandListener(counter).build())) {
            MongoCollection<Document> things = mongo.getDatabase("aiart").getCollection("things");
            things.createIndex(Indexes.ascending("email"), new IndexOptions().name("email")); // retired since

            Map<String, Long> sent = sent(counter, () -> CollectionIndexes.ensure(things, WANTED, "email"));
            assertEquals(Map.of("listIndexes", 1L, "createIndexes", 1L, "dropIndexes", 1L), sent, "all made in one command, the retired one dropped");
            assertEquals(List.of("_id_", "newest", "owner", "queue"), names(things));

            sent = sent(counter, () -> CollectionIndexes.ensure(things, WANTED, "email"));
            assertEquals(Map.of("listIndexes", 1L), sent, "nothing to make or drop: one command");

            things.dropIndex("owner");
            sent = sent(counter, () -> CollectionIndexes.ensure(things, WANTED, "email"));
            assertEquals(Map.of("listIndexes", 1L, "createIndexes", 1L), sent, "only what is missing is made");
            assertEquals(List.of("_id_", "newest", "owner", "queue"), names(things));
        }
    }

    /** The index commands on {@code things} that {@code work} sent, by name (those sent none left out). */
    private static Map<String, Long> sent(StoreCommands counter, Runnable work) {
        List<String> commands = List.of("listIndexes", "createIndexes", "dropIndexes");
        Map<String, Long> before = new HashMap<>();
        commands.forEach(c -> before.put(c, counter.count(c, "things")));
        work.run();
        Map<String, Long> sent = new HashMap<>();
        commands.forEach(c -> {
            long n = counter.count(c, "things") - before.get(c);
            if (n != 0) {
                sent.put(c, n);
            }
        });
        return sent;
    }

    private static List<String> names(MongoCollection<Document> collection) {
        return collection.listIndexes().into(new ArrayList<>()).stream().map(i -> i.getString("name")).sorted()
                .collect(Collectors.toList());
    }
}
