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
 * {@code make bench}: starts the real topology, runs the scenarios of issues #9 and #14, stops
 * everything, and writes the table of docs/PERFORMANCE.md and its plots.
 *
 * <pre>
 *   java -jar bench/target/aiart-bench.jar [--quick] [--out DIR] [--port-base N] [--only burst,flood,…]
 *                                          [--bursts 100,500] [--jvm "-XX:Foo -Dbar=1"] [--store-ops N]
 * </pre>
 * {@code --bursts} replaces the burst sizes, {@code --jvm} adds JVM options to every backend
 * (to try a setting before it goes into jvm.options; {name} in it becomes the backend's name,
 * e.g. {@code --jvm "-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile"}).
 * {@code --out} is where PERFORMANCE.md and images/ go (default docs; with --quick, .run/bench,
 * so a smoke run does not replace the published figures). Scenarios: memory, startup, burst,
 * downloads, flood, day, failover, offline, store. Every backend reaches the store through
 * {@link StoreProxy}, which counts its commands; by default the store-budget scenarios
 * ({@link StoreBudget}) run on the plain store and then again held to a free cluster's
 * {@value Settings#FREE_CLUSTER_OPS} commands a second. {@code --store-ops N} holds the whole
 * run to N a second instead ({@code --store-ops 0}: nothing held anywhere). Exit status 0 when
 * every scenario ran (targets missed or not), 1 when one could not run, 2 on bad arguments.
 */
public final class Bench {

    static final Set<String> SCENARIOS = Set.of("memory", "startup", "burst", "downloads", "flood", "day", "failover", "offline", "store");
    static final double MIB_LIMIT = 256;
    /** What a free cluster may hold in results (aiart.store.results-budget's default), in bytes. */
    static final double RESULTS_BUDGET_BYTES = 350.0 * 1024 * 1024;

    private final Settings settings;
    private final Set<String> only;
    private final Report report = new Report();
    private final List<SvgPlot.Series> latencyCurves = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    /** The backends' Java release, for the facts. */
    private String backendRelease = "?";

    private Bench(Settings settings, Set<String> only) {
        this.settings = settings;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options == null) {
            System.err.println("usage: java -jar bench/target/aiart-bench.jar [--quick] [--out DIR] [--port-base N] [--only "
                    + String.join(",", new java.util.TreeSet<>(SCENARIOS)) + "] [--bursts 100,500] [--jvm \"…\"] [--store-ops N]");
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
        if (options.containsKey("store-ops")) {
            settings = settings.withStoreOps(Integer.parseInt(options.get("store-ops")));
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
            backendRelease = t.backendRelease();
            log("topology up: store :" + t.storePort + ", stubs :" + t.stubsPort + ", primary :" + t.primaryPort + ", fallback :" + t.fallbackPort);
            step("memory", () -> memoryIdle(t, watch));
            step("startup", () -> startup(t, watch));
            step("burst", () -> bursts(t, watch));
            step("flood", () -> flood(t, watch));
            step("day", () -> day(t, watch));
            step("memory", () -> memoryPeak(t, watch));
            step("failover", () -> failover(t, watch));
            step("offline", () -> offline(t, watch));
            step("store", () -> storeBudget(t, watch));
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
        StoreProxy.Counts before = t.proxy.counts();
        long t0 = System.nanoTime();
        Thread.sleep(settings.quick() ? 5000 : 15_000); // the first schedules and JIT settle
        StoreProxy.Counts store = t.proxy.counts().minus(before);
        double seconds = (System.nanoTime() - t0) / 1e9;
        idlePrimaryKb = t.primary.rssKb();
        idleFallbackKb = t.fallback.rssKb();
        report.info("Memory", "RSS idle after start-up: primary / fallback", mib(idlePrimaryKb) + " / " + mib(idleFallbackKb));
        report.info("Memory", "store commands a second meanwhile (both backends, just started)", Report.number(store.app() / seconds));
        report.note("Idle after start-up, " + Report.number(seconds) + " s: " + store.summary() + ".");
    }

    private void startup(Topology t, Watch watch) throws Exception {
        watch.mark("start-up");
        Startup startup = new Startup(t);
        for (String role : List.of("primary", "fallback")) {
            StoreProxy.Counts before = t.proxy.counts();
            List<Startup.Start> starts = startup.measure(role, settings.startupRuns());
            StoreProxy.Counts store = t.proxy.counts().minus(before);
            report.note("Start-ups with the " + role + "'s options: " + store.summary() + " (" + Report.number((double) store.app() / starts.size())
                    + " a start-up, the running backends' own meanwhile included).");
            double median = Startup.median(starts.stream().map(Startup.Start::seconds).toList());
            String range = starts.size() > 1 ? String.format(" (%s–%s s over %d starts; CPU %s s)",
                    Report.number(starts.stream().mapToDouble(Startup.Start::seconds).min().orElse(0)),
                    Report.number(starts.stream().mapToDouble(Startup.Start::seconds).max().orElse(0)), starts.size(),
                    Report.number(Startup.median(starts.stream().map(Startup.Start::cpuSeconds).toList()))) : "";
            report.add("Start-up", "spawn → first 200 of /api/v1/health, " + role + "'s JVM options, median", median, "s",
                    Target.atMost(1.0, "s"));
            report.add("Start-up", "CPU seconds used by then, " + role + "'s JVM options, median",
                    Startup.median(starts.stream().map(Startup.Start::cpuSeconds).toList()), "s", Target.atMost(1.5, "s"));
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
            burstRows(report, s, o, target);
            report.info(s, "all answered after", Report.number(o.answeredSeconds()) + " s");
            report.info(s, "every accepted job done after (succeeded / failed)", Report.number(o.doneSeconds()) + " s ("
                    + o.succeeded() + " / " + o.jobStatuses().getOrDefault("failed", 0) + ")");
            report.info(s, "completions per minute (2 backends × " + settings.workers() + " workers, " + settings.upstreamLatency().toSeconds()
                    + " s upstream)", Report.number(o.completionsPerMinute()));
            report.info(s, "backend RSS peak (of which anonymous, RssAnon)", mib(peak) + " (" + mib(watch.peakAnonKb()) + ")");
            report.info(s, "CPU seconds used from the burst to the last job done: store / primary / fallback / stubs / store proxy / benchmark client",
                    java.util.stream.IntStream.range(0, cpuAfter.length).mapToObj(i -> Report.number((cpuAfter[i] - cpuBefore[i]) / 1000.0))
                            .collect(java.util.stream.Collectors.joining(" / ")));
            report.note(s + ": answers " + o.submit().outcomeSummary() + " (of " + answered + "); jobs " + o.jobStatuses() + ". Store, go → last answer: "
                    + o.answering().summary() + "; whole window: " + o.whole().summary() + ".");
            latencyCurves.add(new SvgPlot.Series("burst of " + n, curve(o.submit())));
            if (target) {
                latencyCurves.add(new SvgPlot.Series("health, burst of " + n, curve(o.health())));
            }
            log(s + ": p50 " + o.submit().ms(50) + " ms, p99 " + o.submit().ms(99) + " ms, " + o.submit().outcomeSummary()
                    + ", done after " + o.doneSeconds() + " s, peak " + mib(peak) + " (anonymous " + mib(watch.peakAnonKb()) + ")");
            if (first && only.contains("downloads")) {
                first = false;
                downloads(bursts, o, watch);
            }
        }
        report.add("Memory", "backend RSS peak during the bursts", burstPeakKb / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
    }

    /** A burst's figures held against their targets, issue #9's latencies and #14's store commands only for the largest burst. */
    static void burstRows(Report report, String s, Bursts.Outcome o, boolean target) {
        int n = o.visitors();
        report.add(s, "visitors answered 202 / 429 / 503 (with the time to wait)", o.friendly(), "of " + n, Target.atLeast(n, "of " + n));
        report.add(s, "answers that are 5xx or none", o.submit().errors(), "", Target.zero(""));
        latency(report, s, "answer p50", o.submit().ms(50), target ? Target.atMost(250, "ms") : null);
        latency(report, s, "answer p99", o.submit().ms(99), target ? Target.atMost(250, "ms") : null);
        latency(report, s, "/api/v1/health p99 during the burst", o.health().ms(99), target ? Target.atMost(50, "ms") : null);
        commandsPerAccepted(report, s, o, target);
    }

    /** CPU ms used so far by the store, the primary, the fallback, the stubs, the store proxy and the rest of this program. */
    private static long[] cpu(Topology t) {
        long proxy = t.proxy.cpuMs();
        long self = Proc.cpuMs(ProcessHandle.current().pid());
        return new long[] {t.store.cpuMs(), t.primary.cpuMs(), t.fallback.cpuMs(), t.stubs.cpuMs(), proxy, self - proxy};
    }

    /**
     * Store commands per accepted generation request (commands ÷ 202 answers), issue #14: during the
     * burst of the size (go → last answer), where concurrent admissions can share their
     * writes, at most 0.5. The whole burst window (go → every accepted job done) includes each
     * job's work — its claim, lease, progress, end and the result's bytes — and is shown without a
     * target: the "at most 2 per request" is the request's own cost, measured one at a
     * time by the store-budget scenario.
     */
    private static void commandsPerAccepted(Report report, String scenario, Bursts.Outcome o, boolean largest) {
        if (!Double.isNaN(o.commandsPerAcceptedWhole())) {
            report.info(scenario, "store commands per accepted generation request, whole burst window (go → queue empty and the last "
                    + "jobs' upstream time, the work included): commands ÷ 202 answers", Report.number(o.commandsPerAcceptedWhole()));
        }
        String during = "store commands per accepted generation request, during the burst (go → last answer): commands ÷ 202 answers";
        if (largest) {
            report.add(scenario, during, o.commandsPerAccepted(), "", Target.atMost(0.5, ""));
        } else {
            report.info(scenario, during, Report.number(o.commandsPerAccepted()));
        }
    }

    private void downloads(Bursts bursts, Bursts.Outcome o, Watch watch) throws InterruptedException {
        watch.mark("downloads");
        List<Api.Accepted> finished = o.accepted();
        StoreProxy.Counts before = bursts.proxyCounts();
        Bursts.Downloads d = bursts.downloads(finished, settings.downloads());
        StoreProxy.Counts store = bursts.proxyCounts().minus(before);
        downloadPeakKb = watch.peakKb();
        String s = settings.downloads() + " result downloads at once";
        report.info(s, "first attempt: p50 / p99", Report.number(d.firstAttempt().ms(50)) + " / " + Report.number(d.firstAttempt().ms(99)) + " ms");
        report.info(s, "first attempt answered 200 / 503 busy", d.firstAttempt().countOf("200") + " / " + d.firstAttempt().countOf("503"));
        report.info(s, "every picture downloaded after (retrying after Retry-After)", Report.number(d.allDoneSeconds()) + " s"
                + (d.gaveUp() > 0 ? ", " + d.gaveUp() + " gave up" : ""));
        report.add(s, "backend RSS peak", downloadPeakKb / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
        report.info(s, "backend anonymous memory peak (RssAnon)", mib(watch.peakAnonKb()));
        report.info(s, "store commands per picture downloaded", Report.number((double) store.app() / Math.max(1, d.all().countOf("200"))));
        report.note(s + ": every attempt " + d.all().outcomeSummary() + ". Store: " + store.summary() + ".");
        log(s + ": " + d.firstAttempt().outcomeSummary() + ", all after " + d.allDoneSeconds() + " s, peak " + mib(downloadPeakKb)
                + " (anonymous " + mib(watch.peakAnonKb()) + ")");
    }

    private void flood(Topology t, Watch watch) throws InterruptedException {
        watch.mark("flood");
        StoreProxy.Counts before = t.proxy.counts();
        Flood.Outcome o = new Flood(t).run(settings.floodSeconds());
        StoreProxy.Counts store = t.proxy.counts().minus(before);
        String s = "Flood (" + Flood.CONNECTIONS + " connections, " + settings.floodSeconds() + " s)";
        floodRows(report, s, o, store);
        report.note(s + ": store " + store.summary() + ".");
        report.note(s + ": flood answers " + o.flood().outcomeSummary() + "; flood p99 " + Report.number(o.flood().ms(99))
                + " ms; the normal visitor's answers " + o.normal().outcomeSummary() + ", p50 " + Report.number(o.normal().ms(50)) + " ms.");
        latencyCurves.add(new SvgPlot.Series("normal visitor, flood", curve(o.normal())));
        log(s + ": " + o.sustainedRefusalsPerSecond() + " refusals/s; normal p99 " + o.normal().ms(99) + " ms; " + o.flood().outcomeSummary());
    }

    /** The flood's figures: refusals a second, and a normal visitor who must not notice it (a 429 is a failure to it). */
    static void floodRows(Report report, String s, Flood.Outcome o, StoreProxy.Counts store) {
        report.add(s, "refusals per second, sustained (after the first second)", o.sustainedRefusalsPerSecond(), "/s",
                Target.atLeast(10_000, "/s"));
        latency(report, s, "flood answer p50", o.flood().ms(50), null);
        report.add(s, "a normal visitor's p99 meanwhile", o.normal().ms(99), "ms", Target.atMost(50, "ms"));
        report.add(s, "a normal visitor's failed requests", o.normal().errors() + o.normal().countOf("429"), "", Target.zero(""));
        report.info(s, "store commands a second (both backends, everything)", Report.number(store.app() / o.seconds()));
    }

    private void day(Topology t, Watch watch) throws InterruptedException {
        watch.mark("day");
        Day.Outcome o = new Day(t).run(settings.dayVisitors(), settings.dayWindow());
        plainDay = o;
        String s = "Day: " + o.visitors() + " visitors in " + Report.number(settings.dayWindow().toSeconds()) + " s"
                + (settings.storeOps() > 0 ? ", " + StoreBudget.label(settings.storeOps()) : "");
        dayRows(report, s, o);
        report.info(s, "page open / status poll / result download p99",
                Report.number(o.pages().ms(99)) + " / " + Report.number(o.polls().ms(99)) + " / " + Report.number(o.results().ms(99)) + " ms");
        report.info(s, "request → picture downloaded: p50 / p95", Report.number(o.toPicture().ms(50) / 1000) + " / "
                + Report.number(o.toPicture().ms(95) / 1000) + " s");
        report.info(s, "jobs accepted → " + o.jobStatuses(), Integer.toString(o.accepted().size()));
        report.info(s, "backend RSS peak (of which anonymous, RssAnon)", mib(watch.peakKb()) + " (" + mib(watch.peakAnonKb()) + ")");
        report.note(s + ": generation answers " + o.submits().outcomeSummary() + "; polls " + o.polls().outcomeSummary()
                + "; downloads " + o.results().outcomeSummary() + "; took " + Report.number(o.seconds()) + " s.");
        latencyCurves.add(new SvgPlot.Series("day, generation request", curve(o.submits())));
        latencyCurves.add(new SvgPlot.Series("day, status poll", curve(o.polls())));
        log(s + ": " + o.submits().outcomeSummary() + ", jobs " + o.jobStatuses() + ", toPicture p50 " + o.toPicture().ms(50));
    }

    /** The day's figures held against issue #9's targets: no error on any kind of request, generation p99; its store commands. */
    static void dayRows(Report report, String s, Day.Outcome o) {
        long errors = o.pages().errors() + o.submits().errors() + o.polls().errors() + o.results().errors();
        report.add(s, "answers that are 5xx or none", errors, "", Target.zero(""));
        report.add(s, "generation request p99", o.submits().ms(99), "ms", Target.atMost(250, "ms"));
        dayStore(report, s, o);
    }

    /** The day's store commands: a second, per visitor, per job; the top three. */
    private static void dayStore(Report report, String s, Day.Outcome o) {
        report.info(s, "store commands: a second / per visitor / per accepted job (everything: pages, polls, work, downloads)",
                Report.number(o.store().app() / o.seconds()) + " / " + Report.number((double) o.store().app() / o.visitors()) + " / "
                        + Report.number((double) o.store().app() / Math.max(1, o.accepted().size())));
        report.note(s + ": store " + o.store().summary() + (o.store().held() > 0 ? "; " + held(o.store()) : "") + ".");
    }

    /** "1,234 commands held by the proxy, 85 ms on average". */
    private static String held(StoreProxy.Counts c) {
        return Report.number(c.held()) + " commands held by the proxy, " + Report.number(c.held() == 0 ? 0 : c.heldNanos() / 1e6 / c.held())
                + " ms on average";
    }

    private void memoryPeak(Topology t, Watch watch) {
        long primary = t.primary.peakRssKb();
        long fallback = t.fallback.peakRssKb();
        report.add("Memory", "highest RSS of the run (VmHWM): primary", primary / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
        report.add("Memory", "highest RSS of the run (VmHWM): fallback", fallback / 1024.0, "MiB", Target.atMost(MIB_LIMIT, "MiB"));
        // the part of it the kernel cannot drop (RssAnon, sampled every 100 ms): RSS also counts the
        // AOT cache's and the jars' file pages, which are reclaimed under memory pressure
        report.info("Memory", "highest anonymous memory of the run (RssAnon, sampled): primary / fallback",
                mib(watch.runPeakAnonKb(0)) + " / " + mib(watch.runPeakAnonKb(1)));
    }

    private void failover(Topology t, Watch watch) throws Exception {
        watch.mark("failover");
        StoreProxy.Counts before = t.proxy.counts();
        Failover.Outcome o = new Failover(t).run(settings.failoverTrials());
        StoreProxy.Counts store = t.proxy.counts().minus(before);
        for (String mode : List.of("refused", "hung")) {
            List<Failover.Trial> trials = o.trials().stream().filter(x -> x.mode().equals(mode)).toList();
            double post = trials.stream().mapToDouble(Failover.Trial::postMs).max().orElse(Double.NaN);
            double get = trials.stream().mapToDouble(Failover.Trial::getMs).max().orElse(Double.NaN);
            boolean allFallback = trials.stream().allMatch(x -> x.postBackend().equals("fallback") && x.getBackend().equals("fallback"));
            String s = "Failover, primary " + (mode.equals("refused") ? "killed (kill -9)" : "hung (kill -STOP)");
            // issue #18's targets for a hung primary: hedged after the hedge delay (docs/FAILOVER.md)
            double postLimit = mode.equals("refused") ? 1000 : 1500;
            double getLimit = 1000;
            report.add(s, "picture request: signal → first success, worst of " + trials.size(), post, "ms", Target.atMost(postLimit, "ms"));
            report.add(s, "status poll: signal → first success, worst of " + trials.size(), get, "ms", Target.atMost(getLimit, "ms"));
            if (!allFallback) {
                report.note(s + ": not every measured request was answered by the fallback: " + trials);
            }
        }
        FailoverClient.Sent worst = o.trials().stream().map(Failover.Trial::healthy)
                .max(java.util.Comparator.comparingDouble(FailoverClient.Sent::hedgeShare)).orElse(new FailoverClient.Sent(0, 0, 0));
        report.add("Failover", "extra requests sent by hedging on a healthy pair, worst trial (" + worst.hedges() + " of "
                + worst.requests() + ")", 100 * worst.hedgeShare(), "%", Target.atMost(5, "%"));
        report.add("Failover", "accepted jobs (202) lost, of " + o.accepted(), o.lost(), "", Target.zero(""));
        report.note("Failover: " + o.accepted() + " jobs accepted during the trials ended " + o.jobStatuses() + ", the last "
                + Report.number(o.settledSeconds()) + " s after the trials (jobs the dead primary held come back after their lease). Store: "
                + store.summary() + ".");
        log("failover: " + o.trials() + "; jobs " + o.jobStatuses());
    }

    private Day.Outcome plainDay;
    private final List<Integer> heldPasses = new ArrayList<>();

    private void offline(Topology t, Watch watch) throws Exception {
        watch.mark("offline");
        Settings.Budget b = settings.budget();
        Offline.Outcome o = new Offline(t).run(b.offlinePictures(), b.offlineVideos());
        String s = "Offline renderer (a backend with no provider keys)";
        List<Long> pictures = o.bytes("text-to-image");
        List<Long> videos = o.bytes("text-to-video");
        double largest = pictures.stream().mapToLong(Long::longValue).max().orElse(-1);
        report.add(s, "1024×1024 picture stored: the largest of " + pictures.size() + " (varied prompts and styles)",
                largest < 0 ? Double.NaN : largest / 1024, "KB", Target.atMost(300, "KB"));
        report.info(s, "picture stored: mean / smallest", kb(mean(pictures)) + " / " + kb(pictures.stream().mapToLong(Long::longValue).min().orElse(0)));
        if (!videos.isEmpty()) {
            report.info(s, "video stored (" + settings.budget().offlineVideos() + " × 4 s): mean", kb(mean(videos)));
        }
        Day.Mix mix = Day.mix(settings.dayVisitors(), settings.dayWindow());
        double meanPicture = mean(pictures);
        double meanVideo = videos.isEmpty() ? meanPicture : mean(videos);
        double meanResult = (mix.pictures() * meanPicture + mix.videos() * meanVideo) / (mix.pictures() + mix.videos());
        report.add("Results a free cluster holds", "350 MB (aiart.store.results-budget) ÷ the mean offline result over the day's mix ("
                + mix.pictures() + " pictures, " + mix.videos() + " videos): " + kb(meanResult), RESULTS_BUDGET_BYTES / meanResult, "results",
                Target.atLeast(2000, "results"));
        if (plainDay != null && !plainDay.resultBytes().isEmpty()) {
            List<Long> all = plainDay.resultBytes().values().stream().flatMap(List::stream).toList();
            report.info("Results a free cluster holds", "with the stand-ins' upstream bytes as delivered (the day's " + all.size()
                    + " downloads: " + kb(mean(all)) + " on average)", Report.number(RESULTS_BUDGET_BYTES / mean(all)) + " results");
        }
        report.note(s + ": " + o.results().size() + " results (" + o.results().stream().map(Offline.Result::contentType).distinct()
                .collect(java.util.stream.Collectors.joining(", ")) + "), jobs " + o.statuses() + ", " + Report.number(o.seconds())
                + " s with the backend's start; store " + o.store().summary() + ".");
        log(s + ": pictures " + pictures + ", videos " + videos + "; jobs " + o.statuses());
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }

    private static String kb(double bytes) {
        return Double.isNaN(bytes) ? "—" : Report.number(bytes / 1024) + " KB";
    }

    private void storeBudget(Topology t, Watch watch) throws Exception {
        StoreBudget budget = new StoreBudget(t, settings);
        for (int rate : settings.storePasses()) {
            watch.mark("store, " + StoreBudget.label(rate));
            if (rate > 0) {
                heldPasses.add(rate);
            }
            StoreBudget.Pass p = budget.run(rate, rate > 0, Bench::log);
            storeRows(p);
        }
    }

    private void storeRows(StoreBudget.Pass p) {
        Settings.Budget b = settings.budget();
        String s = "Store budget, " + StoreBudget.label(p.rate());
        Bursts.Outcome o = p.burst();
        int n = o.visitors();
        String burst = "cold burst of " + n + ": ";
        report.add(s, burst + "visitors answered 202 / 429 / 503 (with the time to wait)", o.friendly(), "of " + n, Target.atLeast(n, "of " + n));
        report.add(s, burst + "answers that are 5xx or none", o.submit().errors(), "", Target.zero(""));
        latency(s, burst + "answer p50", o.submit().ms(50), null);
        report.add(s, burst + "answer p99", o.submit().ms(99), "ms", Target.atMost(p.rate() == 0 ? 1000 : 5000, "ms"));
        report.add(s, burst + "store commands per accepted generation request, during the burst (go → last answer): commands ÷ 202 answers",
                o.commandsPerAccepted(), "", Target.atMost(0.5, ""));
        report.note(s + ", " + burst + "answers " + o.submit().outcomeSummary() + "; all answered after " + Report.number(o.answeredSeconds())
                + " s; store " + o.answering().summary() + (o.answering().held() > 0 ? "; " + held(o.answering()) : "")
                + "; the accepted jobs were then canceled (" + p.canceled() + ") instead of waiting for them.");
        latencyCurves.add(new SvgPlot.Series("cold burst of " + n + ", " + StoreBudget.label(p.rate()), curve(o.submit())));

        StoreBudget.Refused r = p.refused();
        report.add(s, "store commands per refused or blocked request (" + r.requests() + " from one visitor out of tokens; over the idle baseline)",
                r.perRequest(), "", Target.zero(""));
        report.note(s + ", refused: answers " + r.answers().outcomeSummary() + ", p99 " + Report.number(r.answers().ms(99)) + " ms; store "
                + r.window().counts().summary() + " in " + Report.number(r.window().seconds()) + " s against "
                + Report.number(r.baseline().perSecond()) + " a second before.");

        StoreBudget.Lone lone = p.lone();
        report.add(s, "store commands per accepted generation request, one at a time (" + lone.accepted().size()
                + " visitors, 4 a second, no workers; over the baseline)", lone.perAccepted(), "", Target.atMost(2, ""));
        latency(s, "generation request one at a time: p99", lone.answers().ms(99), null);
        report.note(s + ", one at a time: " + lone.answers().outcomeSummary() + "; store " + lone.window().counts().summary() + " in "
                + Report.number(lone.window().seconds()) + " s.");

        StoreBudget.Polls polls = p.polls();
        report.add(s, "store commands per status poll of a queued job (" + b.pollers() + " visitors once a second, "
                + b.polling().toSeconds() + " s; over the baseline)", polls.perPoll(), "", Target.atMost(0.1, ""));
        latency(s, "status poll of a queued job: p99", polls.answers().ms(99), null);
        report.note(s + ", polls: " + polls.answers().outcomeSummary() + "; store " + polls.window().counts().summary() + " in "
                + Report.number(polls.window().seconds()) + " s; baseline (the same backends with no workers, no visitor) "
                + Report.number(polls.baseline().perSecond()) + " a second: " + polls.baseline().counts().summary() + ".");

        StoreBudget.Streams streams = p.streams();
        report.add(s, "store commands a second for " + streams.streams() + " live-status streams on queued jobs (" + b.streaming().toSeconds()
                + " s; over the baseline)", streams.perSecond(), "/s", Target.atMost(4, "/s"));
        report.note(s + ", streams: events received per stream " + streams.events() + (streams.failed() > 0 ? " (" + streams.failed()
                + " could not open)" : "") + "; store " + streams.window().counts().summary() + " in " + Report.number(streams.window().seconds()) + " s.");

        report.add(s, "store commands a second, both backends awake and idle (" + b.idle().toSeconds() + " s, no visitor)",
                p.idle().perSecond(), "/s", Target.atMost(1, "/s"));
        report.note(s + ", idle awake: " + p.idle().counts().summary() + ".");
        if (p.hibernating() == null) {
            report.add(s, "store commands a second, both backends hibernating", Double.NaN, "/s", Target.atMost(0.1, "/s"));
            report.note(s + ": the backends did not both report hibernating within " + (b.hibernationIdle().toSeconds() + 60) + " s.");
        } else {
            report.add(s, "store commands a second, both backends hibernating (" + b.hibernating().toSeconds() + " s)",
                    p.hibernating().perSecond(), "/s", Target.atMost(0.1, "/s"));
            report.note(s + ", hibernating: " + p.hibernating().counts().summary()
                    + (p.stayedHibernating() ? "." : "; one of them was awake again at the end of the window."));
        }
        if (p.waking() != null) {
            report.add(s, "the request that wakes the hibernating primary (/api/v1/limits, new connection)", p.waking().wakingMs(), "ms",
                    Target.atMost(15, "ms"));
            report.info(s, "the next request, awake", Report.number(p.waking().awakeMs()) + " ms");
        }

        Day.Outcome day = p.day();
        if (day != null) {
            String d = "Day: " + day.visitors() + " visitors in " + Report.number(settings.dayWindow().toSeconds()) + " s, "
                    + StoreBudget.label(p.rate());
            long errors = day.pages().errors() + day.submits().errors() + day.polls().errors() + day.results().errors();
            report.add(d, "answers that are 5xx or none", errors, "", Target.zero(""));
            report.add(d, "generation request p99", day.submits().ms(99), "ms", Target.atMost(1000, "ms"));
            report.add(d, "status poll p99", day.polls().ms(99), "ms", Target.atMost(1000, "ms"));
            report.info(d, "page open / result download p99", Report.number(day.pages().ms(99)) + " / " + Report.number(day.results().ms(99)) + " ms");
            report.info(d, "jobs accepted → " + day.jobStatuses(), Integer.toString(day.accepted().size()));
            dayStore(report, d, day);
            report.note(d + ": generation answers " + day.submits().outcomeSummary() + "; polls " + day.polls().outcomeSummary()
                    + "; downloads " + day.results().outcomeSummary() + "; took " + Report.number(day.seconds()) + " s.");
            latencyCurves.add(new SvgPlot.Series("day, status poll, " + StoreBudget.label(p.rate()), curve(day.polls())));
        }
    }

    // ---- output ----------------------------------------------------------------------------

    private void latency(String scenario, String figure, double ms, Target target) {
        latency(report, scenario, figure, ms, target);
    }

    /** A latency in ms: held against {@code target}, or shown without one when it is null. */
    private static void latency(Report report, String scenario, String figure, double ms, Target target) {
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
                "Backends: `" + Topology.backendJava() + " $(deploy/docker/jvm.sh options …) " + Topology.CONTAINER_MEMORY
                        + "` (Java " + backendRelease + "; the image's JVM options and the jar's start-up cache; the fallback adds `"
                        + Topology.FALLBACK_EXTRA + "`), `MALLOC_ARENA_MAX=2`, " + settings.workers() + " workers each, `AIART_TRUSTED_PROXIES=1` (every visitor its own "
                        + "X-Forwarded-For address); Stability, DashScope and Gemini configured against the stubs, every generation taking "
                        + settings.upstreamLatency().toSeconds() + " s.",
                storeFact(),
                "Store-budget scenarios (issue #14): both backends restarted for each pass with the same JVM (as `make run` starts them), "
                        + settings.workers() + " workers, `AIART_HIBERNATION_IDLE=" + settings.budget().hibernationIdle().toSeconds()
                        + "s` so that hibernation is reached in the run, production's retention and clean-up schedule; its burst is the first "
                        + "after that start (cold). For the requests one at a time, the polls and the streams the backends are restarted with "
                        + "`AIART_QUEUE_WORKERS=0`, so that no work mixes in and the jobs stay queued. Figures \"over the baseline\" subtract "
                        + "the same backends' commands a second with no visitor, measured just before (one at a time, polls and streams: "
                        + "before and after, with one job of another visitor already queued, so that the job board refreshes at its "
                        + "busy pace in the baseline as in the window), a negative difference counting as 0.",
                "Offline pictures: a third backend with no provider keys (chains: `local` only) on its own database of the same store, "
                        + "through the same proxy; the bytes are each result's Content-Length, i.e. the stored file.");
    }

    private String storeFact() {
        String proxy = "Store: every backend talks to the embedded store through the benchmark's MongoDB wire proxy (bench/src/main/java/"
                + "ai/aiart/bench/StoreProxy.java), which counts every command by name and collection; \"store commands\" are the "
                + "application's, the driver's monitoring and handshakes (hello, ping, endSessions, …) counted apart and never held. ";
        if (settings.storeOps() > 0) {
            return proxy + "**The whole run was held to " + settings.storeOps() + " commands a second** (a token bucket, burst "
                    + Report.number(Math.max(1, settings.storeOps() / 10.0)) + "; the excess waits in line, as a free cluster holds it back).";
        }
        if (heldPasses.isEmpty()) {
            return proxy + "Nothing was held: every scenario ran on the plain store.";
        }
        return proxy + "Held to " + heldPasses.get(0) + " commands a second (a free Atlas cluster's rate; a token bucket, burst "
                + Report.number(Math.max(1, heldPasses.get(0) / 10.0)) + ", the excess waiting in line): the scenarios named \"Store budget, "
                + StoreBudget.label(heldPasses.get(0)) + "\" and the day that ends with \"" + StoreBudget.label(heldPasses.get(0))
                + "\", during their measured windows (restarts and clean-ups between them unheld). Every other scenario ran on the "
                + "plain store, counted but not held.";
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
                case "--out", "--port-base", "--only", "--root", "--bursts", "--jvm", "--store-ops" -> {
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
        if (options.containsKey("store-ops") && !options.get("store-ops").matches("\\d{1,6}")) {
            return null;
        }
        return options;
    }
}
