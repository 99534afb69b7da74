package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import org.junit.jupiter.api.io.TempDir;

import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The packaged backend on its default embedded store keeps its data across a restart. */
@ExtendWith(ReliabilityWatcher.class)
class RestartIT {

    @Test
    @ReliabilityCase(suite = "faults", group = "backend killed", name = "restart on the embedded store",
            expected = "jobs and result bytes the same after the restart")
    void jobsAndResultsSurviveARestart(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of(
                "AIART_STORE_EMBEDDED_PORT", String.valueOf(EmbeddedStoreResource.freePort()),
                "AIART_STORE_EMBEDDED_DATA_DIR", data.toString());
        String id;
        byte[] before;
        try (BackendProcess backend = BackendProcess.start("restart-1", env)) {
            id = RestAssured.given().baseUri(backend.url()).contentType(ContentType.JSON)
                    .body("{\"prompt\":\"an old stone bridge over a river\",\"seed\":11}")
                    .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
            awaitSucceeded(backend.url(), id);
            before = RestAssured.given().baseUri(backend.url()).get("/api/v1/jobs/" + id + "/result")
                    .then().statusCode(200).extract().asByteArray();
        }
        try (BackendProcess backend = BackendProcess.start("restart-2", env)) {
            JsonPath job = RestAssured.given().baseUri(backend.url()).get("/api/v1/jobs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("succeeded", job.getString("status"));
            byte[] after = RestAssured.given().baseUri(backend.url()).get("/api/v1/jobs/" + id + "/result")
                    .then().statusCode(200).extract().asByteArray();
            assertArrayEquals(before, after, "the stored picture is the same after the restart");
        }
    }

    static void awaitSucceeded(String url, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = RestAssured.given().baseUri(url).get("/api/v1/jobs/" + id).then().extract().path("status");
            if ("succeeded".equals(status)) {
                return;
            }
            if ("failed".equals(status) || "canceled".equals(status)) {
                throw new AssertionError("job " + id + " ended " + status);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
