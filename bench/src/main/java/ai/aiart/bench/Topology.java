package ai.aiart.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The real topology on this machine, as `make run-stubs` has it: the embedded store as its
 * own process (H2 files in a temporary folder), the upstream stand-ins at a fixed latency,
 * and a primary and a fallback backend from the packaged jar with the production JVM
 * options (deploy/docker/jvm.options, sized as in a 512 MB container; the fallback adds
 * -XX:TieredStopAtLevel=1 as render.yaml and fly.toml do). Every backend reaches the store
 * through the benchmark's {@link StoreProxy}, which counts every command and, when asked, holds
 * them to a free cluster's rate. Loopback only.
 */
final class Topology implements AutoCloseable {

    static final String BACKEND_JAR = "backend/target/quarkus-app/quarkus-run.jar";
    static final String JVM_OPTIONS_DIR = "deploy/docker";
    static final String STUBS_CLASSPATH = "backend/target/test-classpath.txt";
    /** As in a 512 MB container: MaxRAMPercentage=50 of it is the heap. */
    static final String CONTAINER_MEMORY = "-XX:MaxRAM=512m";
    static final String FALLBACK_EXTRA = "-XX:TieredStopAtLevel=1";
    /** Finished jobs and their results are deleted this long after they end (aiart.retention). */
    static final String RETENTION = "PT5M";
    /** Ports a run takes: store, stubs, primary, fallback, start-up probe, store proxy, offline backend. */
    static final int PORTS = 7;
    /** The database of the offline backend: its own, so that no other backend's worker claims its jobs. */
    static final String OFFLINE_DATABASE = "aiart_offline";

    /**
     * How backends are started: always with the production JVM (as `make run` starts them), with
     * this many workers, and these environment variables added (an empty value removes one).
     */
    record Mode(String name, int workers, Map<String, String> env) {

        static Mode production(Settings settings) {
            return new Mode("production", settings.workers(), Map.of());
        }

        Mode withWorkers(int n) {
            return new Mode(name, n, env);
        }
    }

    final Path root;
    final Path runDir;
    final Settings settings;
    final int storePort;
    final int stubsPort;
    final int primaryPort;
    final int fallbackPort;
    final int probePort;
    final int proxyPort;
    final int offlinePort;
    private final Path storeData;
    private final String ipHashKey = UUID.randomUUID().toString();
    /** The data key ring of this run's backends (production refuses to start without one; the store is new each run). */
    private final String dataKey = "bench:" + java.util.Base64.getEncoder().encodeToString(
            (UUID.randomUUID().toString().replace("-", "")).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private final List<Proc> started = new ArrayList<>();
    Proc store;
    Proc stubs;
    volatile Proc primary;
    volatile Proc fallback;
    /** Between the backends and the store; counts every command, holds them when given a rate. */
    StoreProxy proxy;

    private Topology(Path root, Settings settings) throws IOException {
        this.root = root;
        this.settings = settings;
        this.runDir = root.resolve(".run/bench");
        deleteTree(runDir.resolve("logs")); // each run's logs only
        Files.createDirectories(runDir.resolve("logs"));
        this.storeData = Files.createTempDirectory("aiart-bench-store-");
        int[] ports = ports(settings.portBase(), PORTS);
        storePort = ports[0];
        stubsPort = ports[1];
        primaryPort = ports[2];
        fallbackPort = ports[3];
        probePort = ports[4];
        proxyPort = ports[5];
        offlinePort = ports[6];
    }

    /** Checks that everything the topology runs has been built. */
    static void checkBuilt(Path root) {
        for (String needed : List.of(BACKEND_JAR, JVM_OPTIONS_DIR + "/jvm.sh", STUBS_CLASSPATH, "backend/target/test-classes")) {
            if (!Files.exists(root.resolve(needed))) {
                throw new IllegalStateException("Missing " + needed + ": run `make bench` (it builds what it needs) from the repository root.");
            }
        }
        storeJar(root);
    }

    static Topology start(Path root, Settings settings) throws IOException, InterruptedException {
        checkBuilt(root);
        Topology t = new Topology(root, settings);
        try {
            t.store = t.track(Proc.start("store", List.of("java", "-Xmx512m", "-jar", storeJar(root).toString()),
                    Map.of("AIART_STORE_PORT", Integer.toString(t.storePort), "AIART_STORE_DATA", t.storeData.toString()),
                    root, t.log("store")));
            t.stubs = t.track(Proc.start("stubs", List.of("java", "-Xmx256m", "-Djava.awt.headless=true", "-cp", t.stubsClasspath(),
                    "ai.aiart.provider.local.StubUpstreams"),
                    Map.of("AIART_STUBS_PORT", Integer.toString(t.stubsPort),
                            "AIART_STUBS_LATENCY_MS", Long.toString(settings.upstreamLatency().toMillis()),
                            "AIART_STUBS_RENDER", "once"),
                    root, t.log("stubs")));
            waitForPort(t.store, t.storePort, Duration.ofSeconds(60));
            t.proxy = StoreProxy.start(t.proxyPort, t.storePort, settings.storeOps() > 0 ? settings.storeOps() : 0);
            waitForPort(t.stubs, t.stubsPort, Duration.ofSeconds(60));
            t.primary = t.startBackend("primary", t.primaryPort);
            t.fallback = t.startBackend("fallback", t.fallbackPort);
            t.awaitHealthy(t.primary, t.primaryPort, Duration.ofSeconds(120));
            t.awaitHealthy(t.fallback, t.fallbackPort, Duration.ofSeconds(120));
            return t;
        } catch (IOException | RuntimeException | InterruptedException e) {
            t.close();
            throw e;
        }
    }

    /** Starts the primary or the fallback (by name) on {@code port}; does not wait for it. */
    Proc startBackend(String name, int port) throws IOException {
        return startBackend(name, port, Mode.production(settings));
    }

    Proc startBackend(String name, int port, Mode mode) throws IOException {
        return track(Proc.start(name, backendCommand(name), backendEnv(name, port, mode), root, log(name)));
    }

    /**
     * Stops the primary and the fallback (SIGTERM: they hand their running jobs back to the
     * queue) and starts both again in {@code mode}; returns when both are healthy.
     */
    void restartBackends(Mode mode) throws IOException, InterruptedException {
        primary.signal("CONT");
        fallback.signal("CONT");
        Proc oldPrimary = primary;
        Proc oldFallback = fallback;
        Thread stopping = Api.thread("stop-fallback", () -> oldFallback.stop(15));
        oldPrimary.stop(15);
        stopping.join(30_000);
        primary = startBackend("primary", primaryPort, mode);
        fallback = startBackend("fallback", fallbackPort, mode);
        awaitHealthy(primary, primaryPort, Duration.ofSeconds(120));
        awaitHealthy(fallback, fallbackPort, Duration.ofSeconds(120));
    }

    /**
     * A third backend with no provider keys (so its chains are the offline renderer alone) on
     * its own database of the same store, through the proxy; not waited for.
     */
    Proc startOffline(int workers) throws IOException {
        Map<String, String> env = backendEnv("offline", offlinePort, Mode.production(settings).withWorkers(workers));
        env.keySet().removeIf(k -> k.startsWith("AIART_PROVIDERS_"));
        env.remove("AIART_PEERS_URLS");
        env.put("QUARKUS_MONGODB_DATABASE", OFFLINE_DATABASE);
        for (String kind : List.of("TEXT_TO_IMAGE", "IMAGE_TO_IMAGE", "TEXT_TO_VIDEO", "IMAGE_TO_VIDEO")) {
            env.put("AIART_PROVIDERS_CHAIN_" + kind, "local"); // and no key: even a key in this shell's environment stays unused
        }
        return track(Proc.start("offline", backendCommand("offline"), env, root, log("offline")));
    }

    /**
     * The java and JVM options a backend runs with, as deployed and as `make run` starts it: the
     * java `make` found for the backends (AIART_BACKEND_JAVA: JDK 25 when the machine has one), the
     * image's options for it and the jar's start-up cache (deploy/docker/jvm.sh), sized as in a
     * 512 MB container; the fallback C1 only.
     */
    List<String> backendCommand(String name) {
        List<String> command = new ArrayList<>(List.of(backendJava()));
        command.addAll(jvmOptions());
        command.add(CONTAINER_MEMORY);
        if (name.startsWith("fallback")) {
            command.add(FALLBACK_EXTRA);
        }
        settings.extraJvmOptions().forEach(option -> command.add(option.replace("{name}", name))); // e.g. a JFR file per backend
        command.addAll(List.of("-jar", root.resolve(BACKEND_JAR).toString()));
        return command;
    }

    static String backendJava() {
        String java = System.getenv("AIART_BACKEND_JAVA");
        return java == null || java.isBlank() ? "java" : java;
    }

    private List<String> jvmOptions;

    /** deploy/docker/jvm.sh's options for {@link #backendJava()}, asked once. */
    private synchronized List<String> jvmOptions() {
        if (jvmOptions == null) {
            Path dir = root.resolve(JVM_OPTIONS_DIR);
            jvmOptions = jvmSh("options", backendJava(), dir.toString(), root.resolve(BACKEND_JAR).getParent().toString());
        }
        return jvmOptions;
    }

    /** The feature release of {@link #backendJava()}: 17, 25, … */
    String backendRelease() {
        return jvmSh("release", backendJava()).get(0);
    }

    /** The lines deploy/docker/jvm.sh prints for these arguments. */
    private List<String> jvmSh(String... args) {
        List<String> command = new ArrayList<>(List.of("sh", root.resolve(JVM_OPTIONS_DIR).resolve("jvm.sh").toString()));
        command.addAll(List.of(args));
        try {
            Process jvmSh = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> lines = new String(jvmSh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            if (jvmSh.waitFor() != 0 || lines.isEmpty()) {
                throw new IllegalStateException("deploy/docker/jvm.sh " + String.join(" ", args) + " failed");
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> backendEnv(String name, int port) {
        return backendEnv(name, port, Mode.production(settings));
    }

    Map<String, String> backendEnv(String name, int port, Mode mode) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + proxyPort);
        env.put("AIART_STORE_EMBEDDED_ENABLED", "false");
        env.put("AIART_INSTANCE", name);
        env.put("AIART_IP_HASH_KEY", ipHashKey);
        env.put("AIART_DATA_KEY", dataKey);
        // behind one proxy, as on Render/Railway/Fly: each visitor is known by its X-Forwarded-For
        env.put("AIART_TRUSTED_PROXIES", "1");
        env.put("AIART_PEERS_URLS", "http://127.0.0.1:" + (name.equals("primary") ? fallbackPort : primaryPort));
        env.put("AIART_QUEUE_WORKERS", Integer.toString(mode.workers()));
        env.put("MALLOC_ARENA_MAX", "2"); // as deploy/docker/entrypoint.sh sets it
        // The embedded store implements no secondary index (it says so in its log), so every
        // queue query scans the jobs collection; a run makes thousands of jobs, and by the day
        // scenario the store, not the backend, was being measured. A short retention keeps the
        // collection at what a few minutes of traffic leave, as indexes would on MongoDB.
        env.put("AIART_RETENTION", RETENTION);
        env.put("AIART_CLEANUP_EVERY", "20s");
        for (String p : List.of("STABILITY", "DASHSCOPE", "GEMINI")) {
            env.put("AIART_PROVIDERS_" + p + "_API_KEY", "bench-stub-key");
            env.put("AIART_PROVIDERS_" + p + "_BASE_URL", "http://127.0.0.1:" + stubsPort);
        }
        env.put("AIART_PROVIDERS_DASHSCOPE_POLL_INTERVAL", "500ms");
        env.put("AIART_PROVIDERS_GEMINI_POLL_INTERVAL", "500ms");
        mode.env().forEach((k, v) -> {
            if (v.isEmpty()) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        return env;
    }

    String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    Path log(String name) {
        return runDir.resolve("logs").resolve(name + ".log");
    }

    /** Waits until {@code GET /api/v1/health} answers 200; returns the time since the process was spawned. */
    Duration awaitHealthy(Proc proc, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 500)) {
            while (System.nanoTime() < deadline) {
                if (!proc.alive()) {
                    throw new IllegalStateException(proc.name + " exited during start-up:\n" + proc.tail(30));
                }
                try {
                    if (http.get("/api/v1/health", Map.of(), 1000).status() == 200) {
                        return Duration.ofNanos(System.nanoTime() - proc.startedNanos);
                    }
                } catch (IOException e) {
                    http.close(); // not listening yet
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException(proc.name + " not healthy after " + timeout.toSeconds() + " s; see " + proc.log);
    }

    private static void waitForPort(Proc proc, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!proc.alive()) {
                throw new IllegalStateException(proc.name + " exited during start-up:\n" + proc.tail(30));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(proc.name + " not listening after " + timeout.toSeconds() + " s; see " + proc.log);
    }

    Proc track(Proc proc) {
        started.add(proc);
        return proc;
    }

    private String stubsClasspath() throws IOException {
        return root.resolve("backend/target/test-classes") + ":" + root.resolve("backend/target/classes") + ":"
                + Files.readString(root.resolve(STUBS_CLASSPATH)).trim();
    }

    private static Path storeJar(Path root) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(root.resolve("store/target"), "aiart-store-*-standalone.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("Missing store/target/aiart-store-*-standalone.jar: run `make build` first.");
    }

    /** {@code count} ports: consecutive from {@code base}, or free ones chosen by the system when base is 0. */
    static int[] ports(int base, int count) throws IOException {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            if (base > 0) {
                ports[i] = base + i;
            } else {
                try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    ports[i] = s.getLocalPort();
                }
            }
        }
        return ports;
    }

    /** Stops every process (backends first, so they hand their jobs back; the store last) and deletes the store's files. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i) == store && proxy != null) {
                proxy.close();
            }
            started.get(i).stop(15);
        }
        deleteTree(storeData);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }
}
