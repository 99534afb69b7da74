package ai.aiart.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the reliability suites write down what they tried: one JSON line per case run, in
 * {@code target/reliability/<suite>.jsonl}. {@code scripts/reliability-report.mjs} turns the lines
 * into the tables of docs/RELIABILITY.md. Only files are shared, so the records of Quarkus tests
 * (their own class loader), plain tests and JUnit extensions all land in the same place.
 */
public final class ReliabilityLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReliabilityLog() {
    }

    /**
     * @param suite    {@code bad-input}, {@code faults}, {@code soak}…
     * @param group    what kind of case (JSON bodies, uploads, upstream…)
     * @param name     the case
     * @param expected what must happen, e.g. {@code 400 validation}
     * @param count    how many requests or iterations the case made
     * @param failure  null when the case held, else why not
     */
    public static void record(String suite, String group, String name, String expected, int count, Throwable failure) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("suite", suite);
        line.put("group", group);
        line.put("case", name);
        line.put("expected", expected);
        line.put("count", count);
        line.put("outcome", failure == null ? "passed" : "failed");
        if (failure != null) {
            String message = String.valueOf(failure.getMessage());
            line.put("detail", message.lines().filter(l -> l.contains("Expected") || l.contains("expected"))
                    .findFirst().orElse(message.lines().findFirst().orElse(message)).strip());
        }
        Path dir = Path.of(System.getProperty("aiart.reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(suite + ".jsonl"), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a case, records how it went, and rethrows its failure. */
    public static void run(String suite, String group, String name, String expected, int count, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException | Error e) {
            record(suite, group, name, expected, count, e);
            throw e;
        }
        record(suite, group, name, expected, count, null);
    }
}
