package ai.aiart.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code make bench}: starts the real topology, runs the scenarios of issue #9, stops
 * everything, and writes the table of docs/PERFORMANCE.md and its plots.
 *
 * <pre>
 *   java -jar bench/target/aiart-bench.jar [--quick] [--out DIR] [--port-base N] [--only burst,flood,…]
 *                                          [--bursts 100,500] [--jvm "-XX:Foo -Dbar=1"]
 * </pre>
 * {@code --bursts} replaces the burst sizes, {@code --jvm} adds JVM options to every backend
 * (to try a setting before it goes into jvm.options; {name} in it becomes the backend's name,
 * e.g. {@code --jvm "-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile"}).
 * {@code --out} is where PERFORMANCE.md and images/ go (default docs; with --quick, .run/bench,
 * so a smoke run does not replace the published figures). Scenarios: memory, startup, burst,
 * downloads, flood, day, failover. Exit status 0 when every scenario ran (targets missed or
 * not), 1 when one could not run, 2 on bad arguments.
 */
public final class Bench {

    static final Set<String> SCENARIOS = Set.of("memory", "startup", "burst", "downloads", "flood", "day", "failover");
    static final double MIB_LIMIT = 256;

    private final Settings settings;
    private final Set<String> only;
    private final Report report = new Report();
    private final List<SvgPlot.Series> latencyCurves = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Bench(Settings settings, Set<String> only) {
        this.settings = settings;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options == null) {
            System.err.println("usage: java -jar bench/target/aiart-bench.jar [--quick] [--out DIR] [--port-base N] [--only "
                    + String.join(",", new java.util.TreeSet<>(SCENARIOS)) + "]");
            System.exit(2);
        }
        boolean quick = options.containsKey("quick");
        int portBase = Integer.parseInt(options.getOrDefault("port-base", "0"));
        Settings settings = quick ? Settings.quick(portBase) : Settings.full(portBase);
        if (options.containsKey("bursts")) {
            settings = settings.withBursts(java.util.Arrays.stream(options.get("bursts").split(",")).map(Integer::valueOf).toList());
        }
        if (options.containsKey("jvm")) {
            settings = settings.withJvmOptions(List.of(options.get("jvm").split(" ")));
        }
        Set<String> only = options.containsKey("only") ? Set.of(options.get("only").split(",")) : SCENARIOS;
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve(options.getOrDefault("out", quick ? ".run/bench" : "docs"));
        System.exit(new Bench(settings, only).run(root, out));
    }

    private int run(Path root, Path out) throws Exception {
        Instant started = Instant.now();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        log("AiArt benchmark, " + (settings.quick() ? "quick" : "full") + " run; results to " + out);
        try (Topology t = Topology.start(root, settings); Watch watch = new Watch(() -> t.primary, () -> t.fallback, t.primaryPort)) {
            log("topology up: store :" + t.storePort + ", stubs :" + t.stubsPort + ", primary :" + t.primaryPort + ", fallback :" + t.fallbackPort);
            step("memory", () -> memoryIdle(t, watch));
            step("startup", () -> startup(t, watch));
            step("burst", () -> bursts(t, watch));
            step("flood", () -> flood(t, watch));
            step("day", () -> day(t, watch));
            step("memory", () -> memoryPeak(t));
            step("failover", () -> failover(t, watch));
            watch.close();
            writePlots(out, watch);
        }
        Duration took = Duration.between(started, Instant.now());
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        for (String failure : failures) {
            report.note("**Scenario failed:** " + failure);
        }
        Path doc = out.resolve("PERFORMANCE.md");
        Files.createDirectories(out);
        String existing = Files.exists(doc) ? Files.readString(doc) : "# Performance\n";
        Files.writeString(doc, Report.merge(existing, report.markdown(facts(started, took, loadBefore, loadAfter), images())));
        log("wrote " + doc + " (" + report.rows().size() + " figures, " + report.missed() + " targets missed) in " + took.toSeconds() + " s");
        return failures.isEmpty() ? 0 : 1;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String scenario, Step step) {
        if (!only.contains(scenario)) {
            return;
        }
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            failures.add(scenario + ": " + e);
            log("scenario " + scenario + " failed: " + e);
            e.printStackTrace();
        }
    }

    // ---- scenarios -------------------------------------------------------------------------

    private long idlePrimaryKb;
    private long idleFallbackKb;
    private long burstPeakKb;
    private long downloadPeakKb;

    private void memoryIdle(Topology t, Watch watch) throws InterruptedException {
        watch.mark("idle");
        Thread.sleep(settings.quick() ? 5000 : 15_000); // the first schedules and JIT settle
        idlePrimaryKb = t.primary.rssKb();
        idleFallbackKb = t.fallback.rssKb();
        report.info("Memory", "RSS idle after start-up: primary / fallback", mib(idlePrimaryKb) + " / " + mib(idleFallbackKb));
    }

    private void startup(Topology t, Watch watch) throws Exception {
        watch.mark("start-up");
        Startup startup = new Startup(t);
        for (String role : List.of("primary", "fallback")) {
            List<Startup.Start> starts = startup.measure(role, settings.startupRuns());
            double median = Startup.median(starts.stream().map(Startup.Start::seconds).toList());
            String range = starts.size() > 1 ? String.format(" (%s–%s s over %d starts; CPU %s s)",
                    Report.number(starts.stream().mapToDouble(Startup.Start::seconds).min().orElse(0)),
                    Report.number(starts.stream().mapToDouble(Startup.Start::seconds).max().orElse(0)), starts.size(),
                    Report.number(Startup.median(starts.stream().map(Startup.Start::cpuSeconds).toList()))) : "";
            report.add("Start-up", "spawn → first 200 of /api/v1/health, " + role + "'s JVM options, median", median, "s",
                    Target.atMost(1.5, "s"));
            if (!range.isEmpty()) {
                report.note("Start-up with the " + role + "'s options: median " + Report.number(median) + " s" + range + ".");
            }
            log("start-up " + role + ": " + starts);
        }
    }

    private void bursts(Topology t, Watch watch) throws Exception {
        Bursts bursts = new Bursts(t);
        boolean first = true;
        for (int n : settings.bursts()) {
            watch.mark("burst " + n);
            long[] cpuBefore = cpu(t);
            Bursts.Outcome o = bursts.run(n, "burst of " + n);
            long[] cpuAfter = cpu(t);
            long peak = watch.peakKb();
            burstPeakKb = Math.max(burstPeakKb, peak);
            boolean target = n == settings.largestBurst();
            String s = "Burst of " + n;
            long answered = o.submit().count();
            long friendly = o.submit().countOf("202") + o.submit().countOf("429") + o.submit().countOf("503");
            report.add(s, "visitors answered 202 / 429 / 503", friendly, "of " + n, Target.atLeast(n, "of " + n));
            report.add(s, "answers that are 5xx or none", o.submit().errors(), "", Target.zero(""));
            latency(s, "answer p50", o.submit().ms(50), target ? Target.atMost(250, "ms") : null);
            latency(s, "answer p99", o.submit().ms(99), target ? Target.atMost(250, "ms") : null);
            latency(s, "/api/v1/health p99 during the burst", o.health().ms(99), target ? Target.atMost(50, "ms") : null);
            report.info(s, "all answered after", Report.number(o.answeredSeconds()) + " s");
            report.info(s, "every accepted job done after (succeeded / failed)", Report.number(o.doneSeconds()) + " s ("
                    + o.succeeded() + " / " + o.jobStatuses().getOrDefault("failed", 0) + ")");
            report.info(s, "completions per minute (2 backends × " + settings.workers() + " workers, " + settings.upstreamLatency().toSeconds()
                    + " s upstream)", Report.number(o.completionsPerMinute()));
            report.info(s, "backend RSS peak", mib(peak));
            report.info(s, "CPU seconds used from the burst to the last job done: store / primary / fallback / stubs / benchmark client",
                    java.util.stream.IntStream.range(0, cpuAfter.length).mapToObj(i -> Report.number((cpuAfter[i] - cpuBefore[i]) / 1000.0))
                            .collect(java.util.stream.Collectors.joining(" / ")));
            report.note(s + ": answers " + o.submit().outcomeSummary() + " (of " + answered + "); jobs " + o.jobStatuses() + ".");
            latencyCurves.add(new SvgPlot.Series("burst of " + n, curve(o.submit())));
            if (target) {
                latencyCurves.add(new SvgPlot.Series("health, burst of " + n, curve(o.health())));
            }
            log(s + ": p50 " + o.submit().ms(50) + " ms, p99 " + o.submit().ms(99) + " ms, " + o.submit().outcomeSummary()
                    + ", done after " + o.doneSeconds() + " s, peak " + mib(peak));
            if (first && only.contains("downloads")) {
                first = false;
                downloads(bursts, o, watch);
            }
        }
        report.add("Memory", "backend RSS peak during the bursts", burstPeakKb / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
    }

    /** CPU ms used so far by the store, the primary, the fallback, the stubs and this program. */
    private static long[] cpu(Topology t) {
        long self = Proc.cpuMs(ProcessHandle.current().pid());
        return new long[] {t.store.cpuMs(), t.primary.cpuMs(), t.fallback.cpuMs(), t.stubs.cpuMs(), self};
    }

    private void downloads(Bursts bursts, Bursts.Outcome o, Watch watch) throws InterruptedException {
        watch.mark("downloads");
        List<Api.Accepted> finished = o.accepted();
        Bursts.Downloads d = bursts.downloads(finished, settings.downloads());
        downloadPeakKb = watch.peakKb();
        String s = settings.downloads() + " result downloads at once";
        report.info(s, "first attempt: p50 / p99", Report.number(d.firstAttempt().ms(50)) + " / " + Report.number(d.firstAttempt().ms(99)) + " ms");
        report.info(s, "first attempt answered 200 / 503 busy", d.firstAttempt().countOf("200") + " / " + d.firstAttempt().countOf("503"));
        report.info(s, "every picture downloaded after (retrying after Retry-After)", Report.number(d.allDoneSeconds()) + " s"
                + (d.gaveUp() > 0 ? ", " + d.gaveUp() + " gave up" : ""));
        report.add(s, "backend RSS peak", downloadPeakKb / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
        report.note(s + ": every attempt " + d.all().outcomeSummary() + ".");
        log(s + ": " + d.firstAttempt().outcomeSummary() + ", all after " + d.allDoneSeconds() + " s, peak " + mib(downloadPeakKb));
    }

    private void flood(Topology t, Watch watch) throws InterruptedException {
        watch.mark("flood");
        Flood.Outcome o = new Flood(t).run(settings.floodSeconds());
        String s = "Flood (" + Flood.CONNECTIONS + " connections, " + settings.floodSeconds() + " s)";
        report.add(s, "refusals per second, sustained (after the first second)", o.sustainedRefusalsPerSecond(), "/s",
                Target.atLeast(10_000, "/s"));
        latency(s, "flood answer p50", o.flood().ms(50), null);
        report.add(s, "a normal visitor's p99 meanwhile", o.normal().ms(99), "ms", Target.atMost(50, "ms"));
        report.add(s, "a normal visitor's failed requests", o.normal().errors() + o.normal().countOf("429"), "", Target.zero(""));
        report.note(s + ": flood answers " + o.flood().outcomeSummary() + "; flood p99 " + Report.number(o.flood().ms(99))
                + " ms; the normal visitor's answers " + o.normal().outcomeSummary() + ", p50 " + Report.number(o.normal().ms(50)) + " ms.");
        latencyCurves.add(new SvgPlot.Series("normal visitor, flood", curve(o.normal())));
        log(s + ": " + o.sustainedRefusalsPerSecond() + " refusals/s; normal p99 " + o.normal().ms(99) + " ms; " + o.flood().outcomeSummary());
    }

    private void day(Topology t, Watch watch) throws InterruptedException {
        watch.mark("day");
        Day.Outcome o = new Day(t).run(settings.dayVisitors(), settings.dayWindow());
        String s = "Day: " + o.visitors() + " visitors in " + Report.number(settings.dayWindow().toSeconds()) + " s";
        long errors = o.pages().errors() + o.submits().errors() + o.polls().errors() + o.results().errors();
        report.add(s, "answers that are 5xx or none", errors, "", Target.zero(""));
        report.add(s, "generation request p99", o.submits().ms(99), "ms", Target.atMost(250, "ms"));
        report.info(s, "page open / status poll / result download p99",
                Report.number(o.pages().ms(99)) + " / " + Report.number(o.polls().ms(99)) + " / " + Report.number(o.results().ms(99)) + " ms");
        report.info(s, "request → picture downloaded: p50 / p95", Report.number(o.toPicture().ms(50) / 1000) + " / "
                + Report.number(o.toPicture().ms(95) / 1000) + " s");
        report.info(s, "jobs accepted → " + o.jobStatuses(), Integer.toString(o.accepted().size()));
        report.info(s, "backend RSS peak", mib(watch.peakKb()));
        report.note(s + ": generation answers " + o.submits().outcomeSummary() + "; polls " + o.polls().outcomeSummary()
                + "; downloads " + o.results().outcomeSummary() + "; took " + Report.number(o.seconds()) + " s.");
        latencyCurves.add(new SvgPlot.Series("day, generation request", curve(o.submits())));
        latencyCurves.add(new SvgPlot.Series("day, status poll", curve(o.polls())));
        log(s + ": " + o.submits().outcomeSummary() + ", jobs " + o.jobStatuses() + ", toPicture p50 " + o.toPicture().ms(50));
    }

    private void memoryPeak(Topology t) {
        long primary = t.primary.peakRssKb();
        long fallback = t.fallback.peakRssKb();
        report.add("Memory", "highest RSS of the run (VmHWM): primary", primary / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
        report.add("Memory", "highest RSS of the run (VmHWM): fallback", fallback / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
    }

    private void failover(Topology t, Watch watch) throws Exception {
        watch.mark("failover");
        Failover.Outcome o = new Failover(t).run(settings.failoverTrials());
        for (String mode : List.of("refused", "hung")) {
            List<Failover.Trial> trials = o.trials().stream().filter(x -> x.mode().equals(mode)).toList();
            double post = trials.stream().mapToDouble(Failover.Trial::postMs).max().orElse(Double.NaN);
            double get = trials.stream().mapToDouble(Failover.Trial::getMs).max().orElse(Double.NaN);
            boolean allFallback = trials.stream().allMatch(x -> x.postBackend().equals("fallback") && x.getBackend().equals("fallback"));
            String s = "Failover, primary " + (mode.equals("refused") ? "killed (kill -9)" : "hung (kill -STOP)");
            double postLimit = mode.equals("refused") ? 1000 : FailoverClient.ATTEMPT_TIMEOUT_MS + 1000;
            double getLimit = mode.equals("refused") ? 1000 : FailoverClient.READ_TIMEOUT_MS + 1000;
            report.add(s, "picture request: signal → first success, worst of " + trials.size(), post, "ms", Target.atMost(postLimit, "ms"));
            report.add(s, "status poll: signal → first success, worst of " + trials.size(), get, "ms", Target.atMost(getLimit, "ms"));
            if (!allFallback) {
                report.note(s + ": not every measured request was answered by the fallback: " + trials);
            }
        }
        report.add("Failover", "accepted jobs (202) lost, of " + o.accepted(), o.lost(), "", Target.zero(""));
        report.note("Failover: " + o.accepted() + " jobs accepted during the trials ended " + o.jobStatuses() + ", the last "
                + Report.number(o.settledSeconds()) + " s after the trials (jobs the dead primary held come back after their lease).");
        log("failover: " + o.trials() + "; jobs " + o.jobStatuses());
    }

    // ---- output ----------------------------------------------------------------------------

    private void latency(String scenario, String figure, double ms, Target target) {
        if (target == null) {
            report.info(scenario, figure, Double.isNaN(ms) ? "—" : Report.number(ms) + " ms");
        } else {
            report.add(scenario, figure, ms, "ms", target);
        }
    }

    private static List<double[]> curve(Lat lat) {
        List<double[]> points = new ArrayList<>();
        if (lat.histogram.getTotalCount() == 0) {
            return points;
        }
        for (var v : lat.histogram.percentiles(5)) {
            points.add(new double[] {v.getPercentileLevelIteratedTo(), v.getValueIteratedTo() / 1000.0});
        }
        return points;
    }

    private final Map<String, String> plots = new LinkedHashMap<>();

    private void writePlots(Path out, Watch watch) throws java.io.IOException {
        Path images = out.resolve("images");
        Files.createDirectories(images);
        if (!latencyCurves.isEmpty()) {
            plots.put("bench-latency.svg", SvgPlot.percentiles("Latency by percentile (ms)", latencyCurves));
        }
        plots.put("bench-memory.svg", watch.memorySvg());
        plots.put("bench-queue.svg", watch.queueSvg());
        for (Map.Entry<String, String> plot : plots.entrySet()) {
            Files.writeString(images.resolve(plot.getKey()), plot.getValue());
        }
    }

    private List<String> images() {
        List<String> md = new ArrayList<>();
        Map<String, String> alt = Map.of("bench-latency.svg", "Latency by percentile of the bursts, the flood's normal visitor and the day",
                "bench-memory.svg", "Resident memory of the primary and the fallback over the run",
                "bench-queue.svg", "Queue length over the run");
        plots.keySet().forEach(name -> md.add("![" + alt.get(name) + "](images/" + name + ")"));
        return md;
    }

    private List<String> facts(Instant started, Duration took, String loadBefore, String loadAfter) throws java.io.IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Report.number(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB").orElse("?");
        return List.of(
                "Measured " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started)
                        + " by `" + (settings.quick() ? "make bench BENCH_QUICK=1" : "make bench") + "` (" + (settings.quick()
                                ? "**quick run**: small bursts and short scenarios, a smoke test, not the figures of record"
                                : "full run") + "), " + took.toMinutes() + " min " + took.toSecondsPart() + " s.",
                "Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memTotal + " RAM, Linux "
                        + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim() + ", Java " + System.getProperty("java.runtime.version")
                        + ". Load average (1, 5, 15 min) before: " + firstThree(loadBefore) + "; after: " + firstThree(loadAfter)
                        + " (the machine is shared: figures vary from run to run).",
                "Everything on this one machine over loopback: the store, the upstream stubs, both backends and the benchmark's own "
                        + "clients share its cores.",
                "Backends: `java @" + Topology.JVM_OPTIONS + " " + Topology.CONTAINER_MEMORY + "` (the fallback adds `" + Topology.FALLBACK_EXTRA
                        + "`), `MALLOC_ARENA_MAX=2`, " + settings.workers() + " workers each, `AIART_TRUSTED_PROXIES=1` (every visitor its own "
                        + "X-Forwarded-For address); Stability, DashScope and Gemini configured against the stubs, every generation taking "
                        + settings.upstreamLatency().toSeconds() + " s.");
    }

    private static String firstThree(String loadavg) {
        return String.join(" ", java.util.Arrays.asList(loadavg.split(" ")).subList(0, 3));
    }

    private static String mib(long kb) {
        return Report.number(kb / 1024.0) + " MiB";
    }

    private static void log(String line) {
        System.out.println("[bench " + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()) + "] " + line);
    }

    /** --flag and --key value; null when an argument is not understood. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> options.put("quick", "true");
                case "--out", "--port-base", "--only", "--root", "--bursts", "--jvm" -> {
                    if (i + 1 >= args.length) {
                        return null;
                    }
                    options.put(args[i].substring(2), args[++i]);
                }
                default -> {
                    return null;
                }
            }
        }
        if (options.containsKey("only") && !SCENARIOS.containsAll(Set.of(options.get("only").split(",")))) {
            return null;
        }
        return options;
    }
}
