package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The equality indexes of {@link IndexedH2Backend} change how queries are answered, never what
 * they answer: the same random sequence of writes and queries runs against the indexed store and
 * against mongo-java-server's plain H2 backend (which scans), and every answer must be the same —
 * also after the indexed store is reopened from its file and has rebuilt its indexes.
 */
class IndexedQueriesTest {

    private static final List<String> STATUSES = List.of("queued", "running", "succeeded", "failed", "canceled");

    /** The queries the queue, the rate limiter and the gallery make, with random values. */
    private static List<Bson> queries(Random random) {
        String status = pick(random, STATUSES);
        String id = "j" + random.nextInt(400);
        String owner = "u" + random.nextInt(6);
        return List.of(
                Filters.eq("status", status),
                Filters.and(Filters.eq("status", "queued"), Filters.in("kind", "image", "video")),
                Filters.and(Filters.eq("_id", id), Filters.eq("status", "running"), Filters.eq("lease_owner", "w" + random.nextInt(3))),
                Filters.and(Filters.eq("_id", id), Filters.eq("version", random.nextInt(4))),
                Filters.and(Filters.eq("status", "queued"), Filters.or(
                        Filters.lt("priority", 2),
                        Filters.and(Filters.eq("priority", 2), Filters.lt("created_at", random.nextInt(1000))))),
                Filters.in("status", "succeeded", "failed", "canceled"),
                Filters.and(Filters.in("status", "succeeded", "failed"), Filters.lt("completed_at", random.nextInt(1000))),
                Filters.and(Filters.eq("fingerprint", "f" + random.nextInt(20)), Filters.eq("status", "succeeded")),
                Filters.eq("result.file_id", "file" + random.nextInt(30)),
                Filters.and(Filters.eq("result.file_id", "file" + random.nextInt(30)), Filters.ne("_id", id)),
                Filters.eq("owner", owner),
                Filters.and(Filters.eq("owner", owner), Filters.lt("created_at", random.nextInt(1000))),
                Filters.eq("tags", "t" + random.nextInt(4)),
                Filters.eq("_id", id),
                Filters.in("_id", id, "j" + random.nextInt(400)),
                Filters.eq("status", 3),
                Filters.exists("fingerprint", false),
                new Document());
    }

    private static Document job(Random random, int n) {
        Document job = new Document("_id", "j" + n)
                .append("status", pick(random, STATUSES))
                .append("kind", random.nextBoolean() ? "image" : "video")
                .append("priority", 1 + random.nextInt(3))
                .append("created_at", random.nextInt(1000))
                .append("version", random.nextInt(4));
        if (random.nextInt(3) > 0) {
            job.append("owner", "u" + random.nextInt(6));
        }
        if (random.nextBoolean()) {
            job.append("fingerprint", "f" + random.nextInt(20));
        }
        if (random.nextInt(3) == 0) {
            job.append("result", new Document("file_id", "file" + random.nextInt(30)));
        }
        if (random.nextInt(4) == 0) {
            job.append("tags", List.of("t" + random.nextInt(4), "t" + random.nextInt(4)));
        }
        if (random.nextInt(5) == 0) {
            job.append("completed_at", random.nextInt(1000));
        }
        return job;
    }

    /** One random write, the same on both stores (every random value is drawn before it is applied). */
    private static void write(Random random, int step, List<MongoCollection<Document>> both) {
        int kind = random.nextInt(7);
        Document job = job(random, random.nextInt(400));
        String id = job.getString("_id");
        String worker = "w" + random.nextInt(3);
        String file = "file" + random.nextInt(30);
        String newOwner = "u" + random.nextInt(6);
        int version = job.getInteger("version");
        Document replacement = new Document(job).append("version", version + 1);
        List<Function<MongoCollection<Document>, Object>> ops = List.of(
                jobs -> jobs.find(Filters.eq("_id", id)).first() == null ? jobs.insertOne(job) : null,
                jobs -> jobs.findOneAndUpdate(Filters.and(Filters.eq("status", "queued"), Filters.in("kind", "image", "video")),
                        Updates.combine(Updates.set("status", "running"), Updates.set("lease_owner", worker), Updates.inc("attempts", 1)),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("priority", "created_at", "_id"))
                                .returnDocument(ReturnDocument.AFTER)),
                jobs -> jobs.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", "running")),
                        Updates.combine(Updates.set("status", "succeeded"), Updates.set("completed_at", step),
                                Updates.set("result", new Document("file_id", file)),
                                Updates.unset("lease_owner"))),
                jobs -> jobs.findOneAndReplace(Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), replacement),
                jobs -> jobs.updateMany(Filters.eq("owner", job.getString("owner")), Updates.set("owner", newOwner)),
                jobs -> jobs.deleteMany(Filters.and(Filters.eq("status", "failed"), Filters.lt("completed_at", step % 1000))),
                jobs -> jobs.deleteOne(Filters.eq("_id", id)));
        for (MongoCollection<Document> jobs : both) {
            ops.get(kind).apply(jobs);
        }
    }

    private static void createIndexes(MongoCollection<Document> jobs) {
        jobs.createIndex(Indexes.ascending("status", "priority", "created_at", "_id"), new IndexOptions().name("queue_order"));
        jobs.createIndex(Indexes.ascending("fingerprint"), new IndexOptions().name("fingerprint").sparse(true));
        jobs.createIndex(Indexes.ascending("result.file_id"), new IndexOptions().name("result_file").sparse(true));
        jobs.createIndex(Indexes.ascending("owner", "created_at"), new IndexOptions().name("owner_history"));
        jobs.createIndex(Indexes.ascending("tags"), new IndexOptions().name("tags"));
    }

    private static void assertSameAnswers(Random random, MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        for (Bson query : queries(random)) {
            assertEquals(sorted(scanned.find(query)), sorted(indexed.find(query)), () -> "find " + query);
            assertEquals(scanned.countDocuments(query), indexed.countDocuments(query), () -> "count " + query);
            assertEquals(
                    scanned.find(query).sort(Sorts.ascending("priority", "created_at", "_id")).limit(3).into(new ArrayList<>()),
                    indexed.find(query).sort(Sorts.ascending("priority", "created_at", "_id")).limit(3).into(new ArrayList<>()),
                    () -> "sorted, limited find " + query);
        }
    }

    private static List<Document> sorted(Iterable<Document> documents) {
        List<Document> all = new ArrayList<>();
        documents.forEach(all::add);
        all.sort(Comparator.comparing(document -> document.get("_id").toString()));
        return all;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void indexedAnswersAreTheScansAnswersThroughWritesAndAReopen(long seed, @TempDir Path dir) {
        Random random = new Random(seed);
        MongoServer reference = new MongoServer(new H2Backend(MVStore.open(null)));
        try (MongoClient referenceClient = MongoClients.create("mongodb://" + hostPort(bindLoopback(reference)))) {
            MongoCollection<Document> scanned = referenceClient.getDatabase("aiart").getCollection("jobs");
            createIndexes(scanned);
            long lookups;
            try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, dir);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> indexed = client.getDatabase("aiart").getCollection("jobs");
                createIndexes(indexed);
                for (int step = 0; step < 1500; step++) {
                    write(random, step, List.of(indexed, scanned));
                    if (step % 100 == 0) {
                        assertSameAnswers(random, indexed, scanned);
                    }
                }
                assertEquals(sorted(scanned.find()), sorted(indexed.find()), "the same documents in the end");
                assertSameAnswers(random, indexed, scanned);
                lookups = store.indexLookups("aiart", "jobs");
                assertTrue(lookups > 1000, "the equality indexes answered the queries: " + lookups);
            }
            try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, dir);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> reopened = client.getDatabase("aiart").getCollection("jobs");
                for (int step = 0; step < 200; step++) {
                    write(random, step, List.of(reopened, scanned));
                }
                assertSameAnswers(random, reopened, scanned);
                assertTrue(store.indexLookups("aiart", "jobs") > 0, "the rebuilt indexes answer after a reopen");
            }
        } finally {
            reference.shutdownNow();
        }
    }

    @Test
    void gridFsChunksAreFoundThroughTheLeadingFieldOfTheirUniqueIndex(@TempDir Path dir) {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, dir);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("aiart");
            GridFSBucket bucket = GridFSBuckets.create(database, "results").withChunkSizeBytes(1024);
            List<ObjectId> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] bytes = new byte[5000 + i];
                new Random(i).nextBytes(bytes);
                ids.add(bucket.uploadFromStream("f" + i, new java.io.ByteArrayInputStream(bytes)));
            }
            long before = store.indexLookups("aiart", "results.chunks");
            for (int i = 0; i < 20; i++) {
                byte[] expected = new byte[5000 + i];
                new Random(i).nextBytes(expected);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                bucket.downloadToStream(ids.get(i), out);
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out.toByteArray(), "file " + i);
            }
            assertTrue(store.indexLookups("aiart", "results.chunks") > before, "chunk reads used the files_id index");
            bucket.delete(ids.get(3));
            assertEquals(0, database.getCollection("results.chunks").countDocuments(Filters.eq("files_id", ids.get(3))));
            assertEquals(5, database.getCollection("results.chunks").countDocuments(Filters.eq("files_id", ids.get(4))));
        }
    }

    private static java.net.InetSocketAddress bindLoopback(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return server.getLocalAddress();
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
