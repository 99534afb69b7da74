package ai.aiart.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real Firebase Auth emulator ({@code firebase emulators:start --only auth} from
 * firebase-tools in the repository's {@code tools/}) on free loopback ports, with project
 * {@value #PROJECT}, and points the application at it. It runs offline. If it cannot start, the
 * tests fail with the reason: nothing is skipped.
 */
public class FirebaseAuthEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "demo-aiart";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Process process;
    private Path directory;
    private AuthEmulator emulator;

    @Override
    public Map<String, String> start() {
        Path cli = findCli();
        int auth = EmbeddedStoreResource.freePort();
        int hub = EmbeddedStoreResource.freePort();
        int logging = EmbeddedStoreResource.freePort();
        try {
            directory = Files.createTempDirectory("aiart-auth-emulator-");
            Files.writeString(directory.resolve("firebase.json"), """
                    {"emulators": {
                      "auth": {"host": "127.0.0.1", "port": %d},
                      "hub": {"host": "127.0.0.1", "port": %d},
                      "logging": {"host": "127.0.0.1", "port": %d},
                      "ui": {"enabled": false},
                      "singleProjectMode": true}}
                    """.formatted(auth, hub, logging));
            ProcessBuilder builder = new ProcessBuilder(cli.toString(), "emulators:start", "--only", "auth",
                    "--project", PROJECT, "--config", directory.resolve("firebase.json").toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("emulator.log").toFile());
            // its hub locator file goes to TMPDIR: keep it apart from a `make run` emulator of the same project
            builder.environment().put("TMPDIR", directory.toString());
            builder.environment().remove("FIREBASE_AUTH_EMULATOR_HOST");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Firebase Auth emulator (" + cli + "): " + e, e);
        }
        String url = "http://127.0.0.1:" + auth;
        awaitReady(url);
        emulator = new AuthEmulator(url, PROJECT);
        return Map.of("aiart.auth.emulator-host", "127.0.0.1:" + auth, "aiart.auth.project-id", PROJECT);
    }

    /** The started emulator's client, for tests that start this resource themselves (the integration tests). */
    public AuthEmulator emulator() {
        return emulator;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulator, new TestInjector.AnnotatedAndMatchesType(InjectAuthEmulator.class, AuthEmulator.class));
    }

    @Override
    public void stop() {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temporary directory; nothing depends on it
            }
        }
    }

    private void awaitReady(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Firebase Auth emulator exited with " + process.exitValue()
                        + " before it was ready:\n" + log());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().replace(" ", "").contains("\"ready\":true")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("The Firebase Auth emulator was not ready after " + START_TIMEOUT + ":\n" + log());
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("emulator.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The firebase CLI: {@code AIART_FIREBASE_CLI} if set, else {@code tools/node_modules/.bin/firebase}
     * in this or a parent directory.
     */
    static Path findCli() {
        String configured = System.getenv("AIART_FIREBASE_CLI");
        if (configured != null && !configured.isBlank()) {
            Path cli = Path.of(configured);
            if (Files.isExecutable(cli)) {
                return cli;
            }
            throw new IllegalStateException("AIART_FIREBASE_CLI=" + configured + " is not an executable file.");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cli = dir.resolve("tools/node_modules/.bin/firebase");
            if (Files.isExecutable(cli)) {
                return cli;
            }
        }
        throw new IllegalStateException("The Firebase Auth emulator is not installed, and the sign-in tests need it. "
                + "Install it with `npm ci --prefix tools` at the repository root (Node.js 20), or set "
                + "AIART_FIREBASE_CLI to a firebase executable.");
    }
}
