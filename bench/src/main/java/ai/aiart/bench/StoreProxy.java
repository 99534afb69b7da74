package ai.aiart.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * A MongoDB wire proxy between the backends and the store, on loopback: every connection a
 * backend opens to it is forwarded to the store, every message the backend sends is counted
 * by command and collection ({@link Wire}), and, when a rate is set, held to that many
 * messages a second by one {@link TokenBucket} shared by all connections, as a free Atlas
 * cluster holds operations back (it queues the excess; it never refuses). Each connection's
 * messages leave in the order they came. The store's answers are copied back untouched.
 *
 * <p>The driver's monitoring and handshakes ({@link Wire#MONITORING_COMMANDS}) are counted in
 * their own group and never held: a cluster limits operations, and heartbeats held behind a
 * line of application commands would make the driver believe the server gone, which a real
 * cluster does not do.
 */
final class StoreProxy implements Closeable {

    /** One counter: a command of a group on a collection. */
    record Key(String group, String command, String collection) {
        String label() {
            return collection.isEmpty() ? command : command + " " + collection;
        }
    }

    /**
     * The counters at one moment: messages by key, and how many of them the throttle held and
     * for how long in all. {@link #minus} gives what happened between two moments.
     */
    record Counts(Map<Key, Long> commands, long held, long heldNanos) {

        static final Counts NONE = new Counts(Map.of(), 0, 0);

        long group(String group) {
            return commands.entrySet().stream().filter(e -> e.getKey().group().equals(group)).mapToLong(Map.Entry::getValue).sum();
        }

        /** The figures of record: the application's commands (compressed ones included: they can only be its own). */
        long app() {
            return group(Wire.APP) + group(Wire.COMPRESSED);
        }

        long monitoring() {
            return group(Wire.MONITORING);
        }

        /** Two windows' counters together. */
        static Counts sum(Counts a, Counts b) {
            Map<Key, Long> all = new HashMap<>(a.commands);
            b.commands.forEach((k, v) -> all.merge(k, v, Long::sum));
            return new Counts(Map.copyOf(all), a.held + b.held, a.heldNanos + b.heldNanos);
        }

        Counts minus(Counts before) {
            Map<Key, Long> diff = new HashMap<>();
            commands.forEach((k, v) -> {
                long d = v - before.commands.getOrDefault(k, 0L);
                if (d != 0) {
                    diff.put(k, d);
                }
            });
            return new Counts(Map.copyOf(diff), held - before.held, heldNanos - before.heldNanos);
        }

        /** The application's {@code n} most frequent commands, most first: "find jobs: 2,010". */
        List<String> top(int n) {
            return commands.entrySet().stream().filter(e -> !e.getKey().group().equals(Wire.MONITORING))
                    .sorted(Map.Entry.<Key, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(e -> e.getKey().label()))
                    .limit(n).map(e -> e.getKey().label() + ": " + Report.number(e.getValue())).toList();
        }

        /** "1,234 commands (top: find jobs: 800, insert jobs: 300, update buckets: 100; monitoring 12 more)". */
        String summary() {
            List<String> top = top(3);
            return Report.number(app()) + " commands" + (top.isEmpty() ? "" : " (top: " + String.join(", ", top) + ")")
                    + "; monitoring " + Report.number(monitoring()) + " more";
        }
    }

    private final ServerSocket server;
    private final int storePort;
    private final TokenBucket bucket;
    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder held = new LongAdder();
    private final LongAdder heldNanos = new LongAdder();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final LongAdder finishedThreadsCpuNanos = new LongAdder();
    private final Thread acceptor;
    private volatile boolean open = true;

    private StoreProxy(ServerSocket server, int storePort, double rate) {
        this.server = server;
        this.storePort = storePort;
        this.bucket = new TokenBucket(rate, System::nanoTime);
        this.acceptor = spawn("store-proxy-accept", this::accept);
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) and forwards to the store on {@code storePort}; rate 0 holds nothing. */
    static StoreProxy start(int port, int storePort, double rate) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        return new StoreProxy(server, storePort, rate);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Holds the backends to {@code perSecond} messages a second from now on; 0 lets everything through. */
    void setRate(double perSecond) {
        bucket.setRate(perSecond);
    }

    double rate() {
        return bucket.rate();
    }

    double burst() {
        return bucket.burst();
    }

    Counts counts() {
        Map<Key, Long> now = new HashMap<>();
        counts.forEach((k, v) -> now.put(k, v.sum()));
        return new Counts(Map.copyOf(now), held.sum(), heldNanos.sum());
    }

    /** CPU time the proxy's threads have used, in ms (they run inside the benchmark's JVM). */
    long cpuMs() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long nanos = finishedThreadsCpuNanos.sum();
        for (Thread t : threads) {
            long n = mx.getThreadCpuTime(t.getId());
            nanos += Math.max(0, n);
        }
        return nanos / 1_000_000;
    }

    private void accept() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Socket store = new Socket();
                store.setTcpNoDelay(true);
                store.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), storePort), 5000);
                client.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(store);
                spawn("store-proxy-up", () -> up(client, store));
                spawn("store-proxy-down", () -> down(store, client));
            } catch (IOException e) {
                closeQuietly(client); // the store is not there: the backend sees a closed connection, as it would
            }
        }
    }

    /** Client → store: one whole message at a time, counted, held when the bucket says so, forwarded. */
    private void up(Socket client, Socket store) {
        try (client; store) {
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = store.getOutputStream();
            byte[] header = new byte[Wire.HEADER];
            while (true) {
                if (in.readNBytes(header, 0, Wire.HEADER) < Wire.HEADER) {
                    return;
                }
                int length = Wire.length(header);
                if (length < Wire.HEADER || length > Wire.MAX_MESSAGE) {
                    return; // not a MongoDB client: drop the connection
                }
                byte[] message = new byte[length];
                System.arraycopy(header, 0, message, 0, Wire.HEADER);
                if (in.readNBytes(message, Wire.HEADER, length - Wire.HEADER) < length - Wire.HEADER) {
                    return;
                }
                Wire.Command c = Wire.parse(message);
                counts.computeIfAbsent(new Key(c.group(), c.name(), c.collection()), k -> new LongAdder()).increment();
                if (!c.group().equals(Wire.MONITORING)) {
                    long wait = bucket.take();
                    if (wait > 0) {
                        held.increment();
                        heldNanos.add(wait);
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                out.write(message);
            }
        } catch (IOException e) {
            // either side went away; closing both ends the other pump
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.remove(client);
            sockets.remove(store);
        }
    }

    /** Store → client: the answers, copied as they come. */
    private void down(Socket store, Socket client) {
        byte[] buffer = new byte[64 * 1024];
        try (store; client) {
            InputStream in = store.getInputStream();
            OutputStream out = client.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // either side went away
        }
    }

    private Thread spawn(String name, Runnable body) {
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } finally {
                finishedThreadsCpuNanos.add(Math.max(0, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()));
                threads.remove(Thread.currentThread());
            }
        }, name, 256 * 1024);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        open = false;
        closeQuietly(server);
        for (Socket s : new ArrayList<>(sockets)) {
            closeQuietly(s);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "find jobs: 3; insert jobs: 1" — every counter, for a log line. */
    static String describe(Counts counts) {
        return counts.commands().entrySet().stream().sorted(Map.Entry.<Key, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey().group() + " " + e.getKey().label() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }
}
