package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * The queue's claim under contention: many claimers at once, over several connections, take
     * every queued document exactly once, in sort order as far as any one claimer can see.
     */
    @Test
    void concurrentClaimersTakeEachDocumentExactlyOnce() throws Exception {
        int documents = 200;
        int claimers = 12;
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> jobs = client.getDatabase("aiart").getCollection("jobs");
            java.util.List<Document> queued = new java.util.ArrayList<>();
            for (int i = 0; i < documents; i++) {
                queued.add(new Document("_id", String.format("j%03d", i)).append("status", "queued").append("priority", i % 3)
                        .append("created_at", i));
            }
            jobs.insertMany(queued);
            java.util.Map<String, String> claimedBy = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.List<String> twice = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(claimers);
            java.util.List<java.util.concurrent.Future<java.util.List<Integer>>> runs = new java.util.ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                String worker = "w" + c;
                runs.add(pool.submit(() -> {
                    java.util.List<Integer> priorities = new java.util.ArrayList<>();
                    start.await();
                    while (true) {
                        Document claimed = jobs.findOneAndUpdate(Filters.eq("status", "queued"),
                                Updates.combine(Updates.set("status", "running"), Updates.set("owner", worker)),
                                new FindOneAndUpdateOptions().sort(Sorts.ascending("priority", "created_at", "_id"))
                                        .returnDocument(ReturnDocument.AFTER));
                        if (claimed == null) {
                            return priorities;
                        }
                        assertEquals(worker, claimed.getString("owner"));
                        if (claimedBy.putIfAbsent(claimed.getString("_id"), worker) != null) {
                            twice.add(claimed.getString("_id"));
                        }
                        priorities.add(claimed.getInteger("priority"));
                    }
                }));
            }
            start.countDown();
            int total = 0;
            for (var run : runs) {
                java.util.List<Integer> priorities = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
                total += priorities.size();
                for (int i = 1; i < priorities.size(); i++) {
                    assertTrue(priorities.get(i - 1) <= priorities.get(i), "one claimer's claims follow the priority order");
                }
            }
            pool.shutdown();
            assertEquals(java.util.List.of(), twice, "no document claimed twice");
            assertEquals(documents, total);
            assertEquals(documents, claimedBy.size());
            assertEquals(documents, jobs.countDocuments(Filters.eq("status", "running")));
            // each document's owner is the claimer that was answered with it
            for (Document d : jobs.find()) {
                assertEquals(claimedBy.get(d.getString("_id")), d.getString("owner"));
            }
        }
    }
}
