package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MiniHttpTest {

    private static MiniHttp.Response parse(String raw) throws IOException {
        return MiniHttp.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), false);
    }

    @Test
    void readsAContentLengthAnswer() throws IOException {
        MiniHttp.Response r = parse("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 20\r\nContent-Length: 5\r\n\r\nhelloEXTRA");
        assertEquals(429, r.status());
        assertEquals("20", r.header("retry-after"));
        assertEquals("hello", r.text());
    }

    @Test
    void readsAChunkedAnswer() throws IOException {
        MiniHttp.Response r = parse("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n");
        assertEquals("Wikipedia", r.text());
    }

    @Test
    void aTruncatedBodyIsAnError() {
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
        assertThrows(IOException.class, () -> parse(""));
    }

    @Test
    void keepsTheConnectionAndSendsHeadersAndBody() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < 2; i++) { // two requests on one connection
                        String head = readHead(in);
                        int length = head.contains("Content-Length: 2") ? 2 : 0;
                        byte[] body = in.readNBytes(length);
                        String answer = head.split("\r\n")[0] + "|" + (head.contains("X-Forwarded-For: 10.0.0.1") ? "xff" : "") + "|"
                                + new String(body, StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length() + "\r\n\r\n" + answer).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            serving.start();
            try (MiniHttp http = new MiniHttp("127.0.0.1", server.getLocalPort(), 1000)) {
                assertEquals("POST /x HTTP/1.1|xff|{}", http.postJson("/x", Map.of("X-Forwarded-For", "10.0.0.1"), "{}", 2000).text());
                assertArrayEquals("GET /y HTTP/1.1||".getBytes(StandardCharsets.UTF_8), http.get("/y", Map.of(), 2000).body());
            }
            serving.join(2000);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
