package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.HttpLimitsProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A body that arrives too slowly (docs/RELIABILITY.md, "Slow bodies"): one byte now and then, with
 * a length or chunked, is answered 408 in the problem format at its deadline and its connection
 * closed, instead of holding the connection and its buffer for the idle timeout (30 minutes by
 * default). The deadline is 2 s here; a body's own deadline grows with its length.
 */
@QuarkusTest
@TestProfile(HttpLimitsProfile.class) // a body deadline of 2 s
@QuarkusTestResource(EmbeddedStoreResource.class)
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "slow clients")
class SlowBodyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    @ReliabilityCase(name = "a body with a length that stalls after its first bytes",
            expected = "408 request_timeout at its deadline, connection closed")
    void aBodyWithALengthThatStallsIsAnswered408AndTheConnectionClosed() throws Exception {
        String answer = stall("Content-Length: 4000\r\n", "{\"prompt\":\"a ca");
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(answer.contains("\"error_type\":\"request_timeout\""), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }

    @Test
    @ReliabilityCase(name = "a chunked body that stalls after its first chunk",
            expected = "408 request_timeout at the longest deadline, connection closed")
    void aChunkedBodyThatStallsIsAnswered408AndTheConnectionClosed() throws Exception {
        String answer = stall("Transfer-Encoding: chunked\r\n", "5\r\n{\"pro\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(answer.contains("took too long to arrive"), answer);
    }

    @Test
    void aBodysDeadlineGrowsWithItsLengthUpToTheLongest() {
        long max = 180_000;
        long rate = 64 * 1024;
        assertEquals(10_004, BodyDeadline.deadlineMs("300", max, rate), "a prompt: about 10 s");
        assertEquals(170_000, BodyDeadline.deadlineMs("10485760", max, rate), "a 10 MB picture at 64 KiB/s");
        assertEquals(160_000, BodyDeadline.deadlineMs("11534336", 160_000, rate), "never more than the longest");
        assertEquals(max, BodyDeadline.deadlineMs(null, max, rate), "a chunked body: the longest");
        assertEquals(max, BodyDeadline.deadlineMs("not a number", max, rate));
    }

    /** Sends the headers and the first bytes of a body, then nothing: returns all the server says before it closes. */
    private String stall(String lengthHeader, String firstBytes) throws Exception {
        long started = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/generate/text-to-image HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/json\r\n" + lengthHeader + "\r\n" + firstBytes)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until the server closes
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(seconds < 25, "closed after " + seconds + " s");
            return answer;
        }
    }
}
