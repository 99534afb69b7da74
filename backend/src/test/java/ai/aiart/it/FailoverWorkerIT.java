package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Two backend processes on one store. The one holding a job is killed with SIGKILL in the
 * middle of it: the survivor finishes every job, none is lost and none is made twice.
 */
@ExtendWith(ReliabilityWatcher.class)
class FailoverWorkerIT {

    @Test
    @ReliabilityCase(suite = "faults", group = "backend killed", name = "SIGKILL of the backend holding a job, 3 jobs queued",
            expected = "the survivor finishes 3 of 3, each made once", count = 3)
    void aJobHeldByAKilledBackendIsFinishedByTheOther() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient mongo = MongoClients.create(store.connectionString())) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                    "AIART_QUEUE_WORKERS", "1",
                    "AIART_QUEUE_LEASE", "2s",
                    "AIART_QUEUE_RENEW_EVERY", "500ms",
                    "AIART_QUEUE_REAP_EVERY", "500ms",
                    "AIART_QUEUE_POLL_EVERY", "200ms",
                    "AIART_LOCAL_DELAY", "5s"));
            List<BackendProcess> both = BackendProcess.startTogether(new BackendProcess.Spec("alpha", env), new BackendProcess.Spec("beta", env));
            try (BackendProcess a = both.get(0);
                 BackendProcess b = both.get(1)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ids.add(RestAssured.given().baseUri(a.url()).contentType(ContentType.JSON)
                            .body("{\"prompt\":\"a lantern in the snow number " + i + "\",\"seed\":" + i + "}")
                            .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().<String>path("id"));
                }
                MongoCollection<Document> jobs = mongo.getDatabase("aiart").getCollection("jobs");
                Document held = awaitHeldBy(jobs, "alpha-");
                a.kill();

                for (String id : ids) {
                    RestartIT.awaitSucceeded(b.url(), id);
                }
                Document reclaimed = jobs.find(Filters.eq("_id", held.getString("_id"))).first();
                assertNotNull(reclaimed);
                assertEquals("succeeded", reclaimed.getString("status"));
                // claimed first by alpha, then again after alpha died; a loaded machine may make beta miss a
                // renewal of its own 2 s lease and claim the job once more, so at least 2 — what must hold
                // exactly is that the picture was made once (below)
                assertEquals(1, held.getInteger("attempts"), "alpha's claim was the first");
                assertTrue(reclaimed.getInteger("attempts") >= 2, "claimed again after alpha died: attempts " + reclaimed.getInteger("attempts"));
                MongoCollection<Document> files = mongo.getDatabase("aiart").getCollection("results.files");
                for (String id : ids) {
                    long made = files.countDocuments(Filters.regex("filename", "^" + java.util.regex.Pattern.quote(id) + "\\."));
                    assertEquals(1, made, "job " + id + " was made exactly once");
                    RestAssured.given().baseUri(b.url()).get("/api/v1/jobs/" + id + "/result").then().statusCode(200)
                            .contentType("image/jpeg"); // the offline renderer stores JPEG (docs/PROVIDERS.md)
                }
            }
        }
    }

    private static Document awaitHeldBy(MongoCollection<Document> jobs, String ownerPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Document job = jobs.find(Filters.and(Filters.eq("status", "running"),
                    Filters.regex("lease_owner", "^" + ownerPrefix))).first();
            if (job != null) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no job was claimed by " + ownerPrefix);
    }
}
