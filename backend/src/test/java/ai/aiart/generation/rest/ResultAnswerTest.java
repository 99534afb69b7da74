package ai.aiart.generation.rest;

import static ai.aiart.support.StoreTestSupport.awaitTerminal;
import static ai.aiart.support.StoreTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The headers of {@code GET /jobs/{id}/result} (issue #15): the site, on another origin, shows a
 * result in an {@code <img>} (no CORS) and later saves it with a CORS fetch, both through the
 * browser's cache; and Node's fetch, which refuses an answer framed two ways, reads it too.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class ResultAnswerTest {

    /** A site origin of application.properties' aiart.cors.origins. */
    private static final String SITE = "http://localhost:8080";

    private static String id;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void aFinishedPicture() {
        if (id == null) {
            id = submit("{\"prompt\":\"a kite over a windy beach\",\"seed\":15}");
            awaitTerminal(id, Duration.ofSeconds(30)).body("status", equalTo("succeeded"));
        }
    }

    private String resultPath() {
        return "/api/v1/jobs/" + id + "/result";
    }

    @Test
    void theCachedAnswerVariesByOriginSoACopyLoadedWithoutCorsIsNeverUsedForTheSitesFetch() {
        // headers read with JUnit: a failed RestAssured check would print the picture's bytes,
        // which breaks surefire's channel to the forked JVM (and hides the failure)
        Response site = given().header("Origin", SITE).when().get(resultPath());
        assertEquals(200, site.statusCode());
        assertEquals(SITE, site.header("Access-Control-Allow-Origin"));
        assertEquals("public, max-age=31536000, immutable", site.header("Cache-Control"));
        assertVariesByOrigin(site);
        // what an <img> without crossorigin gets: no CORS header, so it must not serve a CORS request
        Response plain = given().when().get(resultPath());
        assertEquals(200, plain.statusCode());
        assertNull(plain.header("Access-Control-Allow-Origin"));
        assertEquals("inline; filename=\"aiart-" + id + ".jpg\"", plain.header("Content-Disposition"));
        assertVariesByOrigin(plain);
    }

    private static void assertVariesByOrigin(Response response) {
        String vary = String.join(",", response.headers().getValues("Vary"));
        assertTrue(Arrays.stream(vary.split(",")).map(String::trim).anyMatch("Origin"::equalsIgnoreCase), "Vary: " + vary);
    }

    @Test
    void theAnswerHasItsLengthAndIsNotAlsoChunked() throws IOException {
        byte[] expected = given().when().get(resultPath()).then().statusCode(200).extract().asByteArray();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // twice on one connection: the second answer is only read right if the first was framed right
            for (int i = 0; i < 2; i++) {
                out.write(("GET " + resultPath() + " HTTP/1.1\r\nHost: localhost\r\nOrigin: " + SITE + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Map<String, String> head = readHead(in);
                assertEquals("HTTP/1.1 200 OK", head.get(":status"));
                assertFalse(head.containsKey("transfer-encoding"),
                        "Transfer-Encoding beside Content-Length (RFC 9112 §6.3): " + head.get("transfer-encoding"));
                assertTrue(head.containsKey("content-length"), "a Content-Length: " + head);
                assertEquals(expected.length, Integer.parseInt(head.get("content-length")));
                assertArrayEquals(expected, in.readNBytes(expected.length), "the body is the bytes, unchunked");
            }
        }
    }

    /** The status line (as ":status") and the headers (lower-case names) of one answer. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the head: " + bytes.toString(StandardCharsets.US_ASCII));
            }
            bytes.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\r\n");
        Map<String, String> head = new LinkedHashMap<>();
        head.put(":status", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                head.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return head;
    }
}
