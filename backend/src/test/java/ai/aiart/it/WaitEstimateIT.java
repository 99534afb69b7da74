package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aiart.store.EmbeddedStore;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The wait estimate against the real wait (issue #17, item 4): two backend processes with one
 * worker each work one queue, and each counts the other's worker from its internal status. The
 * estimate a queued job is shown is measured against the time it really took to finish; counting
 * only this backend's worker, it would be about twice too long.
 */
class WaitEstimateIT {

    private static final String KEY = "wait-estimate-internal-key";
    private static final int JOBS = 6;

    @Test
    void theEstimateCountsBothBackendsAndMatchesTheRealWait() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start("127.0.0.1", 0, null)) {
            int alphaPort = EmbeddedStoreResource.freePort();
            int betaPort = EmbeddedStoreResource.freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "QUARKUS_MONGODB_CONNECTION_STRING", store.connectionString(),
                    "AIART_QUEUE_WORKERS", "1",
                    "AIART_QUEUE_POLL_EVERY", "200ms",
                    // every job takes the renderer's 3 s; the estimate starts from the same figure
                    "AIART_LOCAL_DELAY", "3s",
                    "AIART_QUEUE_INITIAL_SERVICE_TIME", "3s",
                    "AIART_RATE_LIMIT_ANONYMOUS", "1000",
                    "AIART_INTERNAL_API_KEY", KEY,
                    "AIART_PEERS_CHECK_EVERY", "1s"));
            Map<String, String> alphaEnv = new HashMap<>(env);
            alphaEnv.put("QUARKUS_HTTP_PORT", String.valueOf(alphaPort));
            alphaEnv.put("AIART_PEERS_URLS", "http://127.0.0.1:" + betaPort);
            Map<String, String> betaEnv = new HashMap<>(env);
            betaEnv.put("QUARKUS_HTTP_PORT", String.valueOf(betaPort));
            betaEnv.put("AIART_PEERS_URLS", "http://127.0.0.1:" + alphaPort);
            java.util.List<BackendProcess> both = BackendProcess.startTogether(new BackendProcess.Spec("alpha", alphaEnv),
                    new BackendProcess.Spec("beta", betaEnv));
            try (BackendProcess alpha = both.get(0);
                 BackendProcess beta = both.get(1)) {
                awaitLiveWorkers(alpha.url(), 2);
                awaitLiveWorkers(beta.url(), 2);
                // two jobs first, so that the mean service time is measured on this machine as it is
                // now (alpha's worker, woken by its own queueing, takes the first at once)
                String warm = null;
                for (int i = 0; i < 2; i++) {
                    warm = create(alpha.url(), "a lamp at dusk, number " + i, 100 + i);
                }
                RestartIT.awaitSucceeded(alpha.url(), warm);
                Thread.sleep(1_000);

                String last = null;
                for (int i = 0; i < JOBS; i++) {
                    last = create(alpha.url(), "a kite over the dunes, number " + i, i);
                }
                // the position comes from the queue as the backend last read it (about a second)
                Thread.sleep(1_500);
                long asked = System.nanoTime();
                Map<String, Object> view = RestAssured.given().baseUri(alpha.url()).get("/api/v1/jobs/" + last).then()
                        .statusCode(200).extract().jsonPath().getMap("");
                assertEquals("queued", view.get("status"), "the last job is still waiting: " + view);
                int position = ((Number) view.get("position")).intValue();
                long estimate = ((Number) view.get("eta_seconds")).longValue();
                RestartIT.awaitSucceeded(alpha.url(), last);
                double real = (System.nanoTime() - asked) / 1e9;

                long alone = estimate * position / Math.max(1, (position + 1) / 2); // the same mean, one worker
                System.out.printf("[wait estimate] position %d: estimated %d s, waited %.1f s; one worker's estimate %d s%n",
                        position, estimate, real, alone);
                assertTrue(real >= 0.5 * estimate && real <= 1.6 * estimate,
                        "estimate " + estimate + " s for position " + position + ", real wait " + real + " s");
                assertTrue(Math.abs(real - estimate) < Math.abs(real - alone),
                        "the two-worker estimate (" + estimate + " s) is nearer the real wait (" + real
                                + " s) than one worker's (" + alone + " s)");
            }
        }
    }

    private static String create(String url, String prompt, int seed) {
        return RestAssured.given().baseUri(url).contentType(ContentType.JSON)
                .body("{\"prompt\":\"" + prompt + "\",\"seed\":" + seed + "}")
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
    }

    /** Waits until the backend counts {@code workers} live workers (its own and its peer's). */
    private static void awaitLiveWorkers(String url, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Integer seen = null;
        while (System.nanoTime() < deadline) {
            seen = RestAssured.given().baseUri(url).header("X-Internal-Key", KEY).get("/api/v1/internal/status").then()
                    .statusCode(200).extract().path("live_workers");
            if (seen != null && seen == workers) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " counts " + seen + " live workers, not " + workers);
    }
}
