package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #16, item 13: a request line or headers over their limits get a 414 or 431 with a body in
 * the problem format, written over a raw socket as a client that ignores HTTP's rules would.
 * What the HTTP codec refuses itself (unparsable HTTP, and sizes beyond the codec's own, higher
 * limits) stays bare: that is pinned here too, so a Quarkus that opens the hook shows up.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class OversizedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL server;

    record Answer(int status, Map<String, String> headers, String body) {
        Map<String, Object> problem() throws IOException {
            return JSON.readValue(body, new TypeReference<>() {
            });
        }
    }

    @Test
    void aLongUrlIs414InTheProblemFormat() throws Exception {
        Answer answer = exchange("GET /api/v1/health?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(answer, 414, "uri_too_long");
        assertEquals("close", answer.headers().get("connection"));
    }

    @Test
    void aUrlJustUnderTheLimitIsServed() throws Exception {
        String path = "/api/v1/health?q=";
        Answer answer = exchange("GET " + path + "a".repeat(FallbackRoutes.MAX_URI_LENGTH - path.length())
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.status() == 200 || answer.status() == 503, "health answers: " + answer);
    }

    @Test
    void largeHeadersAre431InTheProblemFormat() throws Exception {
        Answer answer = exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Filler: " + "b".repeat(25_000) + "\r\n\r\n");
        assertProblem(answer, 431, "headers_too_large");
        Answer many = exchange("POST /api/v1/generate/text-to-image HTTP/1.1\r\nHost: x\r\n"
                + "X-Filler: ".concat("c".repeat(1000)).concat("\r\n").repeat(25)
                + "Content-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"prompt\":\"cat\"}");
        assertProblem(many, 431, "headers_too_large");
    }

    @Test
    void beyondTheCodecsLimitsAndUnparsableHttpStayBare() throws Exception {
        Answer line = exchange("GET /?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(414, line.status());
        assertEquals("", line.body());
        Answer headers = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + "b".repeat(70_000) + "\r\n\r\n");
        assertEquals(431, headers.status());
        Answer garbage = exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
        assertEquals(400, garbage.status());
        assertEquals("", garbage.body());
    }

    private static void assertProblem(Answer answer, int status, String type) throws IOException {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json"), answer.toString());
        Map<String, Object> problem = answer.problem();
        assertEquals(false, problem.get("success"));
        assertEquals(status, problem.get("status"));
        assertEquals(type, problem.get("error_type"));
        assertEquals("/problems/" + type, problem.get("type"));
        assertTrue(String.valueOf(problem.get("message")).length() > 10, answer.toString());
    }

    /** Writes the bytes, reads the first answer (its body by Content-Length, or to the end). */
    private Answer exchange(String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = new byte[0];
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
