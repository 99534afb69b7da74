package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;

/**
 * What the site's hedged creations rely on (docs/FAILOVER.md): the same creation with the same
 * {@code Idempotency-Key}, sent to both backends at the same moment, is answered by both with
 * one job, and only one job is stored. The key is claimed by a unique index in the shared store,
 * so it holds across instances, not only inside one.
 */
class HedgedCreationIT {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void bothBackendsAnswerAHedgedCreationWithOneJob() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null);
             MongoClient mongo = MongoClients.create(store.connectionString())) {
            Map<String, String> env = Map.of("QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString());
            java.util.List<BackendProcess> both = BackendProcess.startTogether(new BackendProcess.Spec("alpha", env), new BackendProcess.Spec("beta", env));
            try (BackendProcess a = both.get(0);
                 BackendProcess b = both.get(1)) {
                MongoCollection<Document> jobs = mongo.getDatabase("aiart").getCollection("jobs");
                long before = jobs.countDocuments();
                Set<String> ids = new HashSet<>();
                int pairs = 5;
                for (int i = 0; i < pairs; i++) {
                    String key = UUID.randomUUID().toString();
                    String body = "{\"prompt\":\"a kite over the dunes number " + i + "\"}";
                    CompletableFuture<HttpResponse<String>> toA = post(a.url(), key, body);
                    CompletableFuture<HttpResponse<String>> toB = post(b.url(), key, body);
                    HttpResponse<String> ra = toA.get();
                    HttpResponse<String> rb = toB.get();
                    assertEquals(202, ra.statusCode(), ra.body());
                    assertEquals(202, rb.statusCode(), rb.body());
                    String idA = id(ra.body());
                    assertEquals(idA, id(rb.body()), "both backends answer key " + key + " with the same job");
                    ids.add(idA);
                }
                assertEquals(pairs, ids.size(), "one job per key");
                assertEquals(before + pairs, jobs.countDocuments(), "and no duplicate stored");
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(String base, String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/generate/text-to-image"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
