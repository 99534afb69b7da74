package ai.aiart.peers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class PeerCheckerTest {

    @TestHTTPResource("/")
    URL self;

    @Inject
    PeerChecker checker;

    @Test
    void aLivePeerIsRecordedHealthyAndADeadOneUnreachableWithItsErrorCount() {
        String live = self.toString();
        // the live peer is this instance, whose real load reads "degraded" while a busy 2-core test
        // machine is still starting it up: check again until it settles (30 s at most)
        BackendHealth up = checker.check(live);
        for (long until = System.nanoTime() + 30_000_000_000L; "degraded".equals(up.status) && System.nanoTime() < until;) {
            sleep(500);
            up = checker.check(live);
        }
        assertEquals("healthy", up.status);
        assertEquals(0, up.errorCount);
        assertTrue(up.responseTime >= 0);

        // a port this test has just had and closed: nothing listens there (port 9 may have a listener)
        String dead = "http://127.0.0.1:" + ai.aiart.support.EmbeddedStoreResource.freePort();
        assertEquals("unreachable", checker.check(dead).status);
        BackendHealth twice = checker.check(dead);
        assertEquals(2, twice.errorCount);

        given().get("/api/v1/backends").then().statusCode(200)
                .body("backend_url", hasItems(live.replaceAll("/$", ""), dead))
                .body("status", hasItems("healthy", "unreachable"))
                .body("find { it.backend_url == '" + dead + "' }.error_count", org.hamcrest.Matchers.equalTo(2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
