package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class StoreProxyTest {

    /** A stand-in store: records every message it receives and answers each with a small reply. */
    private static final class FakeStore implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<byte[]> received = new CopyOnWriteArrayList<>();

        FakeStore() throws IOException {
            Api.thread("fake-store", () -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        byte[] header = new byte[Wire.HEADER];
                        in.readFully(header);
                        byte[] message = new byte[Wire.length(header)];
                        System.arraycopy(header, 0, message, 0, Wire.HEADER);
                        in.readFully(message, Wire.HEADER, message.length - Wire.HEADER);
                        received.add(message);
                        out.write(Bson.message(Wire.OP_MSG, received.size(), new byte[] {0, 0, 0, 0, 0, 5, 0, 0, 0, 0}));
                    }
                } catch (IOException e) {
                    // the test is over
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static byte[] reply(InputStream in) throws IOException {
        byte[] header = new DataInputStream(in).readNBytes(Wire.HEADER);
        byte[] rest = in.readNBytes(Wire.length(header) - Wire.HEADER);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header);
        all.writeBytes(rest);
        return all.toByteArray();
    }

    @Test
    void forwardsEveryMessageUnchangedAndCountsItByCommandAndCollection() throws Exception {
        byte[] find = Bson.opMsg(Bson.doc().string("find", "jobs").string("$db", "aiart"), null);
        byte[] hello = Bson.opMsg(Bson.doc().int32("hello", 1).string("$db", "admin"), null);
        byte[] insert = Bson.opMsg(Bson.doc().string("insert", "jobs").string("$db", "aiart"), "documents", Bson.doc().int32("n", 1));
        try (FakeStore store = new FakeStore(); StoreProxy proxy = StoreProxy.start(0, store.server.getLocalPort(), 0);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            StoreProxy.Counts before = proxy.counts();
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            for (byte[] m : List.of(find, hello, insert, find)) {
                out.write(m);
                assertEquals(Wire.OP_MSG, Wire.opCode(reply(in)), "the store's answer comes back");
            }
            assertEquals(4, store.received.size());
            assertArrayEquals(find, store.received.get(0));
            assertArrayEquals(insert, store.received.get(2));

            StoreProxy.Counts c = proxy.counts().minus(before);
            assertEquals(3, c.app());
            assertEquals(1, c.monitoring());
            assertEquals(Map.of(new StoreProxy.Key(Wire.APP, "find", "jobs"), 2L, new StoreProxy.Key(Wire.APP, "insert", "jobs"), 1L,
                    new StoreProxy.Key(Wire.MONITORING, "hello", ""), 1L), c.commands());
            assertEquals(List.of("find jobs: 2", "insert jobs: 1"), c.top(3));
            assertEquals("3 commands (top: find jobs: 2, insert jobs: 1); monitoring 1 more", c.summary());
            assertEquals(0, c.held());
        }
    }

    @Test
    void countsSubtractAndAdd() {
        StoreProxy.Key find = new StoreProxy.Key(Wire.APP, "find", "jobs");
        StoreProxy.Key ping = new StoreProxy.Key(Wire.MONITORING, "ping", "");
        StoreProxy.Counts a = new StoreProxy.Counts(Map.of(find, 10L, ping, 2L), 4, 400);
        StoreProxy.Counts b = new StoreProxy.Counts(Map.of(find, 25L, ping, 2L), 6, 1000);
        StoreProxy.Counts diff = b.minus(a);
        assertEquals(Map.of(find, 15L), diff.commands());
        assertEquals(2, diff.held());
        assertEquals(600, diff.heldNanos());
        StoreProxy.Counts sum = StoreProxy.Counts.sum(a, b);
        assertEquals(35, sum.app());
        assertEquals(4, sum.monitoring());
        assertEquals(10, sum.held());
    }
}
