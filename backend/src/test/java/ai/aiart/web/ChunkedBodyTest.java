package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ai.aiart.core.Problem;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bodies sent without a length (HTTP/1.1 chunked, as {@code BodyPublishers.ofInputStream} sends
 * them): within the limit they are served as usual, JSON and forms alike; over it they get the
 * 413 problem instead of the REST layer's bare, empty 413.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class ChunkedBodyTest {

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final HttpClient HTTP_2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @TestHTTPResource("/api/v1/generate/")
    URL generate;

    @Test
    void chunkedJsonAndFormsWithinTheLimitAreServed() throws Exception {
        served(HTTP_1_1);
        served(HTTP_2); // no chunking in HTTP/2: the body simply has no length
    }

    @Test
    void chunkedBodiesOverTheLimitGetTheProblemAnswer() throws Exception {
        refused(HTTP_1_1);
    }

    private void served(HttpClient http) throws Exception {
        HttpResponse<String> json = post(http, "text-to-image", "application/json", "{\"prompt\":\"a chunked cat\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(202, json.statusCode(), http.version() + ": " + json.body());

        HttpResponse<String> form = post(http, "image-to-image", "multipart/form-data; boundary=b",
                form(TestImages.picture(64, 64, "png"), new byte[0]));
        assertEquals(202, form.statusCode(), form.body());
    }

    private void refused(HttpClient http) throws Exception {
        HttpResponse<String> json = post(http, "text-to-image", "application/json",
                ("{\"prompt\":\"" + "a".repeat(12 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, json.statusCode(), http.version() + ": " + json.body());
        assertEquals(Problem.MEDIA_TYPE, json.headers().firstValue("Content-Type").orElse(""));
        assertTrue(json.body().contains("\"error_type\":\"payload_too_large\""), json.body());

        HttpResponse<String> form = post(http, "image-to-image", "multipart/form-data; boundary=b",
                form(TestImages.picture(64, 64, "png"), new byte[12 * 1024 * 1024]));
        assertEquals(413, form.statusCode());
        assertTrue(form.body().contains("\"error_type\":\"payload_too_large\""), form.body());
    }

    private HttpResponse<String> post(HttpClient http, String kind, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(generate + kind)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] form(byte[] png, byte[] padding) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nas a watercolor\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(png);
        out.writeBytes(padding);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
