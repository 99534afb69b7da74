package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

/**
 * The write semantics the backend's batched admission relies on (docs/ARCHITECTURE.md, "Batched
 * admission"), which real MongoDB has: in one unordered bulk, a compare-and-swap written as an upsert
 * whose filter names the id and the expected version either replaces the document or fails alone
 * with a duplicate key; an unordered insertMany reports each duplicate by its index and stores the rest.
 */
class BatchedWritesTest {

    @Test
    void versionedUpsertsInOneBulkFailOneByOne() {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> buckets = client.getDatabase("aiart").getCollection("rate_limits");
            buckets.insertOne(new Document("_id", "a").append("version", 1L).append("tokens", 3.0));
            buckets.insertOne(new Document("_id", "b").append("version", 5L).append("tokens", 3.0));
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            List<ReplaceOneModel<Document>> writes = List.of(
                    // expected version 1: current, replaced
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 1L)),
                            new Document("_id", "a").append("version", 2L).append("tokens", 2.0), upsert),
                    // expected version 4, stored 5: another instance won, a duplicate key at index 1
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "b"), Filters.eq("version", 4L)),
                            new Document("_id", "b").append("version", 5L).append("tokens", 0.0), upsert),
                    // never seen: inserted
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "c"), Filters.eq("version", 0L)),
                            new Document("_id", "c").append("version", 1L).append("tokens", 2.0), upsert));
            MongoBulkWriteException e = assertThrows(MongoBulkWriteException.class,
                    () -> buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
            assertEquals(List.of(1), e.getWriteErrors().stream().map(w -> w.getIndex()).toList());
            assertEquals(11000, e.getWriteErrors().get(0).getCode());
            assertEquals(2.0, buckets.find(Filters.eq("_id", "a")).first().getDouble("tokens"));
            assertEquals(3.0, buckets.find(Filters.eq("_id", "b")).first().getDouble("tokens"), "the loser changed nothing");
            assertEquals(1L, buckets.find(Filters.eq("_id", "c")).first().getLong("version"));
        }
    }

    @Test
    void unorderedInsertManyReportsEachDuplicateOfAUniqueSparseKey() {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> jobs = client.getDatabase("aiart").getCollection("jobs");
            jobs.createIndex(Indexes.ascending("idem"), new IndexOptions().name("idem").unique(true).sparse(true));
            jobs.insertOne(new Document("_id", "j0").append("idem", "k1"));
            List<Document> batch = List.of(
                    new Document("_id", "j1").append("idem", "k1"), // the key is taken
                    new Document("_id", "j2"),                      // no key: sparse, never a duplicate
                    new Document("_id", "j3"),
                    new Document("_id", "j4").append("idem", "k2"));
            MongoBulkWriteException e = assertThrows(MongoBulkWriteException.class,
                    () -> jobs.insertMany(batch, new InsertManyOptions().ordered(false)));
            assertEquals(List.of(0), e.getWriteErrors().stream().map(w -> w.getIndex()).toList());
            Set<Object> ids = jobs.find().into(new java.util.ArrayList<>()).stream().map(d -> d.get("_id"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of("j0", "j2", "j3", "j4"), ids);
        }
    }
}
