package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import ai.aiart.support.EmbeddedStoreResource;

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
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.merge(event.getCommandName(), 1, Integer::sum);
            }
        };
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", port, null);
                MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                        .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port)).addCommandListener(counter).build())) {
            MongoCollection<Document> things = mongo.getDatabase("aiart").getCollection("things");
            things.createIndex(Indexes.ascending("email"), new IndexOptions().name("email")); // retired since
            sent.clear();

            CollectionIndexes.ensure(things, WANTED, "email");
            assertEquals(Map.of("listIndexes", 1, "createIndexes", 1, "dropIndexes", 1), sent, "all made in one command, the retired one dropped");
            assertEquals(List.of("_id_", "newest", "owner", "queue"), names(things));

            sent.clear();
            CollectionIndexes.ensure(things, WANTED, "email");
            assertEquals(Map.of("listIndexes", 1), sent, "nothing to make or drop: one command");

            things.dropIndex("owner");
            sent.clear();
            CollectionIndexes.ensure(things, WANTED, "email");
            assertEquals(Map.of("listIndexes", 1, "createIndexes", 1), sent, "only what is missing is made");
            assertEquals(List.of("_id_", "newest", "owner", "queue"), names(things));
        }
    }

    private static List<String> names(MongoCollection<Document> collection) {
        return collection.listIndexes().into(new ArrayList<>()).stream().map(i -> i.getString("name")).sorted()
                .collect(Collectors.toList());
    }
}
