package ai.aiart.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import ai.aiart.monitoring.MonitoringStore;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.QuietQueueProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every store command the application sends is counted, by command and collection, in
 * {@code /q/metrics}. No workers, reaper, clean-up or job-board refresh run here, so what
 * touches {@code jobs} with a {@code find} is the test's own work.
 */
@QuarkusTest
@TestProfile(QuietQueueProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class StoreCommandsTest {

    @Inject
    StoreCommands commands;
    @Inject
    MongoClient mongo;
    @Inject
    MonitoringStore monitoring;

    /** A counter's value from the Prometheus text; 0 when it has not been created yet. */
    private static double metric(String command, String collection) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^aiart_store_commands_total\\{collection=\"" + Pattern.quote(collection) + "\",command=\""
                + Pattern.quote(command) + "\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aStatusReadOfAnUnknownJobIsOneFindOnJobs() {
        double before = metric("find", "jobs");
        given().get("/api/v1/jobs/no-such-job-0123456789abcdef").then().statusCode(404);
        assertEquals(before + 1, metric("find", "jobs"));
        given().get("/api/v1/jobs/no-such-job-0123456789abcdef").then().statusCode(404);
        given().get("/api/v1/jobs/another-missing-job-0123456789").then().statusCode(404);
        assertEquals(before + 3, metric("find", "jobs"));
        assertEquals((long) before + 3, commands.count("find", "jobs"));
    }

    @Test
    void everyKindOfCommandIsCountedOnItsCollection() {
        MongoCollection<Document> probe = mongo.getDatabase("aiart").getCollection("store_commands_probe");
        probe.deleteMany(new Document());
        double inserts = metric("insert", "store_commands_probe");
        double finds = metric("find", "store_commands_probe");
        double getMores = metric("getMore", "store_commands_probe");
        double deletes = metric("delete", "store_commands_probe");
        double pings = metric("ping", "none");
        long total = commands.total();

        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            docs.add(new Document("n", i));
        }
        probe.insertMany(docs); // one command for all seven
        List<Document> read = probe.find().batchSize(2).into(new ArrayList<>());
        probe.deleteMany(new Document());
        mongo.getDatabase("admin").runCommand(new Document("ping", 1));

        assertEquals(7, read.size());
        assertEquals(inserts + 1, metric("insert", "store_commands_probe"));
        assertEquals(finds + 1, metric("find", "store_commands_probe"));
        assertTrue(metric("getMore", "store_commands_probe") >= getMores + 3,
                "a cursor read in batches of 2 asks for more at least 3 times for 7 documents; getMore is counted on its collection");
        assertEquals(deletes + 1, metric("delete", "store_commands_probe"));
        assertEquals(pings + 1, metric("ping", "none"));
        assertTrue(commands.total() >= total + 7, "the total counts them all");
        assertTrue(commands.perSecond() > 0);
        String text = given().get("/q/metrics").then().extract().asString();
        assertTrue(text.contains("aiart_store_commands_per_second "), "the rate is a gauge too");
    }

    @Test
    void eachSnapshotCarriesTheRateAndTheCommandsSinceThePreviousOne() {
        monitoring.snapshot();
        long before = commands.total();
        monitoring.snapshot();
        long between = commands.total() - before; // at least the snapshot's own insert
        Document latest = mongo.getDatabase("aiart").getCollection("resource_metrics").find()
                .sort(new Document("at", -1)).first();
        assertTrue(latest.getDouble("store_ops_per_second") > 0, latest.toJson());
        long stored = latest.getLong("store_commands");
        assertTrue(stored >= 1 && stored <= between, "store_commands " + stored + " counts what was sent since the snapshot before: " + between);
    }
}
