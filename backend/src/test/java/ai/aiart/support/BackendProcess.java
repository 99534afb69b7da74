package ai.aiart.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend started from the packaged application ({@code target/quarkus-app}) as its own
 * process, for tests that restart, kill or multiply backends.
 */
public final class BackendProcess implements AutoCloseable {

    /** The key every backend process of the tests shares, so a visitor is one identity on all of them. */
    public static final String TEST_IP_HASH_KEY = "integration-tests-ip-hash-key-0123456789";
    /** The data key ring every backend process of the tests shares, so each reads what another sealed. */
    public static final String TEST_DATA_KEY = "it:" + java.util.Base64.getEncoder().encodeToString(
            "integration-tests-data-key-32byt".getBytes(StandardCharsets.US_ASCII));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private BackendProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a backend on a free port with these extra environment variables, and waits until it answers. */
    public static BackendProcess start(String name, Map<String, String> env) throws IOException, InterruptedException {
        return start(name, env, "/q/health/ready");
    }

    /**
     * Starts a backend and waits only until it serves HTTP ({@code /q/health/live}), not until it
     * is ready: for backends started while their store is away.
     */
    public static BackendProcess startLive(String name, Map<String, String> env) throws IOException, InterruptedException {
        return start(name, env, "/q/health/live");
    }

    /** A backend to start: its name and its extra environment variables. */
    public record Spec(String name, Map<String, String> env) {
    }

    /**
     * Starts several backends at once and waits until each answers: their JVMs start side by side
     * (a start is mostly waiting on class loading and the store), which saves most of a start for
     * every backend after the first. Returned in the order given; on a failure every one is stopped.
     */
    public static List<BackendProcess> startTogether(Spec... specs) throws IOException, InterruptedException {
        List<BackendProcess> started = new ArrayList<>();
        try {
            for (Spec spec : specs) {
                started.add(launch(spec.name(), spec.env()));
            }
            for (BackendProcess backend : started) {
                backend.awaitReady("/q/health/ready", Duration.ofSeconds(90));
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            for (BackendProcess backend : started) {
                backend.kill();
            }
            throw e;
        }
    }

    private static BackendProcess start(String name, Map<String, String> env, String readyPath) throws IOException, InterruptedException {
        BackendProcess backend = launch(name, env);
        backend.awaitReady(readyPath, Duration.ofSeconds(60));
        return backend;
    }

    /** Starts the process on a free port (or QUARKUS_HTTP_PORT) without waiting for it. */
    private static BackendProcess launch(String name, Map<String, String> env) throws IOException {
        String app = System.getProperty("aiart.backend.app", "target/quarkus-app/quarkus-run.jar");
        if (!new File(app).isFile()) {
            throw new IllegalStateException("packaged backend not found at " + app + " (run mvn package first)");
        }
        // a caller that must name the port before the start (a peer's address) passes QUARKUS_HTTP_PORT
        int port = env.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(env.get("QUARKUS_HTTP_PORT"))
                : EmbeddedStoreResource.freePort();
        // The JVM as deployed (deploy/docker/jvm.sh: the image's options for that java and the jar's start-up
        // cache when `make` trained one), with the java `make` found for the backends (AIART_BACKEND_JAVA: JDK 25
        // when the machine has one), else this one; C1 only, as the deployed fallback runs (docs/DEPLOY.md,
        // "Memory and start-up"): these backends live seconds to a minute, and start with a third less CPU.
        Path jar = Path.of(app).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JVM_OPTIONS.computeIfAbsent(jar.getParent(), BackendProcess::jvmOptions));
        command.addAll(List.of("-XX:MaxRAM=512m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("AIART_") || k.startsWith("QUARKUS_"));
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        all.putIfAbsent("AIART_INSTANCE", name);
        all.putIfAbsent("AIART_IP_HASH_KEY", TEST_IP_HASH_KEY); // production profile: no default key
        all.putIfAbsent("AIART_DATA_KEY", TEST_DATA_KEY); // nor a default data key
        environment.putAll(all);
        Path log = Files.createTempFile("aiart-" + name + "-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new BackendProcess(builder.start(), port, log);
    }

    /** The java the backends run with: {@code make}'s choice, else the one running the tests. */
    private static final String JAVA = Optional.ofNullable(System.getenv("AIART_BACKEND_JAVA")).filter(j -> !j.isBlank())
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    /** The options of each app folder, asked of jvm.sh once: an integration run starts some 25 backends. */
    private static final Map<Path, List<String>> JVM_OPTIONS = new ConcurrentHashMap<>();

    /** deploy/docker/jvm.sh's options for {@link #JAVA} and the app in {@code appDir}, one per line. */
    private static List<String> jvmOptions(Path appDir) {
        try {
            return askJvmSh(JAVA, appDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> askJvmSh(String java, Path appDir) throws IOException {
        Path dir = Path.of(System.getProperty("aiart.jvm.options", "../deploy/docker")).toAbsolutePath().normalize();
        Process jvmSh = new ProcessBuilder("sh", dir.resolve("jvm.sh").toString(), "options", java, dir.toString(), appDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> options;
        try (var out = jvmSh.getInputStream()) {
            options = new String(out.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        try {
            if (jvmSh.waitFor() != 0) {
                throw new IllegalStateException("deploy/docker/jvm.sh options failed for " + java);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return options;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(String path, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("backend exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("backend not ready after " + timeout + ":\n" + logText());
    }

    /** Stops the backend the way a platform does: SIGTERM, then waits for it to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the backend at once, as a crashed host would (SIGKILL). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
