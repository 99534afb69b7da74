package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Filters;

class EmbeddedStoreTest {

    @Test
    void dataInTheFileSurvivesARestart(@TempDir Path dir) {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, dir);
             MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("aiart").getCollection("jobs").insertOne(new Document("_id", "j1").append("prompt", "a red fox"));
        }
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, dir);
             MongoClient client = MongoClients.create(store.connectionString())) {
            Document job = client.getDatabase("aiart").getCollection("jobs").find(Filters.eq("_id", "j1")).first();
            assertNotNull(job, "the job written before the restart is still there");
            assertEquals("a red fox", job.getString("prompt"));
        }
    }

    @Test
    void inMemoryStoreForgetsOnRestart() {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("aiart").getCollection("jobs").insertOne(new Document("_id", "j1"));
        }
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            assertNull(client.getDatabase("aiart").getCollection("jobs").find().first());
        }
    }

    @Test
    void claimsTheFirstDocumentInSortOrderAtomically() {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> jobs = client.getDatabase("aiart").getCollection("jobs");
            jobs.insertOne(new Document("_id", "late").append("status", "queued").append("priority", 3));
            jobs.insertOne(new Document("_id", "donor").append("status", "queued").append("priority", 1));
            Document claimed = jobs.findOneAndUpdate(Filters.eq("status", "queued"),
                    Updates.set("status", "running"),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending("priority")).returnDocument(ReturnDocument.AFTER));
            assertEquals("donor", claimed.getString("_id"));
            assertEquals("running", claimed.getString("status"));
        }
    }
}
