package ai.aiart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started: its pid, its memory and CPU as the kernel counts them
 * (/proc/&lt;pid&gt;/status and /stat), signals. Every process started is stopped when the
 * benchmark ends, however it ends (a shutdown hook covers Ctrl-C and errors).
 */
final class Proc {

    private static final Set<Proc> RUNNING = ConcurrentHashMap.newKeySet();
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Proc::stopAll));
    }

    /**
     * Every process still running gets SIGTERM at once, then each is waited for (SIGKILL after
     * its grace): stopping them one by one took a minute when a swamped store and two backends
     * each used their whole shutdown window.
     */
    static void stopAll() {
        List<Proc> all = List.copyOf(RUNNING);
        for (Proc p : all) {
            if (p.process.isAlive()) {
                p.signal("CONT");
                p.process.destroy();
            }
        }
        all.forEach(p -> p.stop(2));
    }

    final String name;
    final Path log;
    final long startedNanos;
    private final Process process;

    private Proc(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code command} with {@code env} added to this environment; output is appended to {@code log}. */
    static Proc start(String name, List<String> command, Map<String, String> env, Path root, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Proc proc = new Proc(name, builder.start(), log, started);
        RUNNING.add(proc);
        return proc;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident memory now (VmRSS), in kB; 0 when the process is gone. */
    long rssKb() {
        return status("VmRSS:");
    }

    /**
     * Anonymous resident memory now (RssAnon), in kB; 0 when the process is gone: the heap,
     * metaspace, code, stacks and malloc — what the kernel cannot drop under pressure, unlike
     * the file pages in VmRSS (the AOT cache's mapping, the jars).
     */
    long anonKb() {
        return status("RssAnon:");
    }

    /** The most resident memory the process ever had (VmHWM), in kB; 0 when it is gone. */
    long peakRssKb() {
        return status("VmHWM:");
    }

    /** CPU time used so far (user + system), in ms. */
    long cpuMs() {
        return cpuMs(pid());
    }

    /** CPU time used so far by process {@code pid} (user + system), in ms; 0 when it is gone. */
    static long cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Sends a signal by name (STOP, CONT, KILL, TERM) with kill(1). */
    void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor(10);
        RUNNING.remove(this);
    }

    /** SIGTERM (after SIGCONT, in case it was stopped), then SIGKILL if it is not gone after {@code graceSeconds}. */
    void stop(int graceSeconds) {
        if (process.isAlive()) {
            signal("CONT");
            process.destroy();
            if (!waitFor(graceSeconds)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
        RUNNING.remove(this);
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the process's output. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
