package ai.aiart.peers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.auth.internal.OperatorEndpointsTest;
import ai.aiart.core.JobKind;
import ai.aiart.generation.service.JobViews;
import ai.aiart.generation.service.ServiceTimes;
import ai.aiart.generation.service.Workforce;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The internal status a backend gives its peers (issue #17, item 11), and the wait estimate that
 * counts the workers they report (item 4). This instance, with 2 workers and the internal key, is
 * its own peer here: a check of it reports 2 workers, so the estimate divides by 4.
 */
@QuarkusTest
@TestProfile(OperatorEndpointsTest.Production.class) // the same profile: no restart of its own
@QuarkusTestResource(EmbeddedStoreResource.class)
class PeerStatusTest {

    @TestHTTPResource("/")
    URL self;
    @Inject
    PeerChecker checker;
    @Inject
    Workforce workforce;
    @Inject
    JobViews views;
    @Inject
    ServiceTimes serviceTimes;

    @Test
    void theStatusNeedsTheInternalKeyAndTellsTheWorkers() {
        given().get("/api/v1/internal/status").then().statusCode(401).body("error_type", equalTo("unauthorized"));
        given().header("X-Internal-Key", "wrong").get("/api/v1/internal/status").then().statusCode(401);
        given().header("X-Internal-Key", OperatorEndpointsTest.KEY).get("/api/v1/internal/status").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("workers", equalTo(2))
                .body("busy_workers", equalTo(0))
                .body("hibernating", equalTo(false))
                .body("queue_max", equalTo(500));
    }

    @Test
    void theEstimateCountsTheWorkersOfLivePeers() {
        String peer = self.toString().replaceAll("/$", ""); // as the checker names it
        long mean = serviceTimes.mean(JobKind.TEXT_TO_IMAGE).toMillis();
        long alone = views.etaSeconds(JobKind.TEXT_TO_IMAGE, 8);
        assertEquals((long) Math.ceil(4 * mean / 1000.0), alone, "8 jobs, 2 workers: 4 rounds");

        BackendHealth checked = checker.check(peer);
        for (long until = System.nanoTime() + 30_000_000_000L; !"healthy".equals(checked.status) && System.nanoTime() < until;) {
            // this instance's real load reads "degraded" while a busy machine starts it up
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
            checked = checker.check(peer);
        }
        assertEquals(2, checked.workers, "read from the peer's internal status");
        assertTrue(checked.lastError == null, checked.lastError);
        assertEquals(4, workforce.total());
        assertEquals((long) Math.ceil(2 * mean / 1000.0), views.etaSeconds(JobKind.TEXT_TO_IMAGE, 8),
                "8 jobs, 4 workers on two backends: 2 rounds");
        given().header("X-Internal-Key", OperatorEndpointsTest.KEY).get("/api/v1/internal/status").then()
                .body("live_workers", equalTo(4));

        // a peer that stops answering counts no more
        BackendHealth dead = checker.check("http://127.0.0.1:9");
        assertNull(dead.workers);
        workforce.observed(peer, 0);
        assertEquals(2, workforce.total());
    }
}
