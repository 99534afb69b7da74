package ai.aiart.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;

/**
 * {@code /q/health/started}'s check against the real driver and the real embedded store: DOWN, and
 * quickly, while the store is away (the driver itself would wait 10 s to pick a server), one
 * question at a time; UP once the store has answered; UP for good after that, asking the store
 * nothing, even once the store has gone away again.
 */
class StoreReachedCheckTest {

    @Test
    void downWithinTheWaitUntilTheStoreAnswersThenUpForGoodWithoutAskingIt() throws Exception {
        int port = EmbeddedStoreResource.freePort();
        StoreCommands commands = new StoreCommands(new SimpleMeterRegistry(), Clock.systemUTC()); // the application's count
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000"))
                .addCommandListener(commands)
                .build();
        EmbeddedStore store = null;
        try (MongoClient mongo = MongoClients.create(settings)) {
            StoreReachedCheck check = new StoreReachedCheck(mongo, () -> false, Clock.systemUTC());
            long questionsBefore = questionsUnderWay();
            for (int probe = 0; probe < 2; probe++) {
                long start = System.nanoTime();
                HealthCheckResponse answer = check.call();
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
                assertEquals(StoreReachedCheck.NAME, answer.getName());
                assertEquals("not reached since start: no answer within 2 s", answer.getData().orElseThrow().get("store"));
                assertTrue(millis >= 1900 && millis < 8000, "a probe waits about " + StoreReachedCheck.WAIT + ", not the driver's 10 s (8 s allows for a busy machine): " + millis + " ms");
            }
            assertEquals(questionsBefore + 1, questionsUnderWay(), "the second probe waited for the first one's question");

            store = EmbeddedStore.start("127.0.0.1", port, null);
            HealthCheckResponse answer = check.call();
            for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    answer.getStatus() == HealthCheckResponse.Status.DOWN && System.nanoTime() < deadline;) {
                answer = check.call();
            }
            assertEquals(HealthCheckResponse.Status.UP, answer.getStatus(), String.valueOf(answer.getData()));
            assertTrue(check.reached());
            assertTrue(answer.getData().orElseThrow().containsKey("reached_at"));

            long asked = commands.total();
            assertTrue(asked >= 1, "the store was asked");
            store.close();
            for (int probe = 0; probe < 5; probe++) {
                long start = System.nanoTime();
                assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "the store went away later: still started");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 100, "answered from memory");
            }
            assertEquals(asked, commands.total(), "once reached, a probe sends no command");
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    void theApplicationsOwnReadOfTheStoreCountsWithoutAQuestionOfItsOwn() {
        int port = EmbeddedStoreResource.freePort(); // nothing listens: a question would take 2 s and fail
        StoreCommands commands = new StoreCommands(new SimpleMeterRegistry(), Clock.systemUTC());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000"))
                .addCommandListener(commands)
                .build();
        java.util.concurrent.atomic.AtomicBoolean boardRead = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (MongoClient mongo = MongoClients.create(settings)) {
            StoreReachedCheck check = new StoreReachedCheck(mongo, boardRead::get, Clock.systemUTC());
            long questionsBefore = questionsUnderWay();
            long start = System.nanoTime();
            check.watch(); // the job board read the store, and no probe came
            boardRead.set(false); // before the store went away
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "reached once: started");
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 500, "answered from memory");
            assertEquals(questionsBefore, questionsUnderWay(), "no question asked");
            assertEquals(0, commands.total());
        }
    }

    /** The check's questions to the store still waiting for an answer, in this JVM. */
    private static long questionsUnderWay() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && "store-reached-check".equals(thread.getName())).count();
    }
}
