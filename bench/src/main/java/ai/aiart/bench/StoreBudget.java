package ai.aiart.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store-budget scenarios of issue #14, run once per store rate (the plain store, counted
 * only; then the store held to a free cluster's 100 commands a second). Each pass restarts both
 * backends (the production JVM, as `make run` starts it) with a short hibernation idle, then:
 * <ol>
 * <li>a cold burst (the first after the start): store commands from the go to the last answer,
 *     per accepted request; the accepted jobs are then canceled, so the next scenario starts on
 *     an empty queue without waiting for it to drain;</li>
 * <li>(held passes) the compressed day;</li>
 * <li>both backends awake and idle, then hibernating (once the minute of the benchmark's own
 *     health checks is written): store commands a second;</li>
 * <li>both backends restarted with no workers, so no work mixes in and jobs stay queued, and one
 *     job queued first, so the job board is at its busy pace throughout: a visitor out of
 *     tokens sends many requests (store commands over the baseline just before, per refused or
 *     blocked request); generation requests one at a time (no burst to share writes in), then
 *     visitors poll those queued jobs once a second, then live-status streams stay open on
 *     others; store commands over the baseline of the same backends without visitors.</li>
 * </ol>
 * Restarts and clean-ups between the measurements run with the proxy not holding anything
 * (unless the whole run is held), to keep the run short; every measured window runs at the
 * pass's rate.
 */
final class StoreBudget {

    /** Store commands in a window of {@code seconds}. */
    record Window(StoreProxy.Counts counts, double seconds) {
        double perSecond() {
            return counts.app() / seconds;
        }
    }

    /** The visitor out of tokens: its requests, their answers, the window and the baseline before it. */
    record Refused(Lat answers, int requests, Window window, Window baseline) {
        /** Store commands over the baseline, per request (2 decimals: the baseline's own noise is below that). */
        double perRequest() {
            double excess = window.counts().app() - baseline.perSecond() * window.seconds();
            return Math.round(Math.max(0, excess) / requests * 100) / 100.0;
        }
    }

    /** Visitors polling queued jobs. */
    record Polls(Lat answers, Window window, Window baseline) {
        double perPoll() {
            long polls = answers.count();
            double excess = window.counts().app() - baseline.perSecond() * window.seconds();
            return polls == 0 ? Double.NaN : Math.round(Math.max(0, excess) / polls * 100) / 100.0;
        }
    }

    /** Live-status streams open on queued jobs; {@code events}: the events each stream received. */
    record Streams(int streams, List<Integer> events, Window window, Window baseline) {
        double perSecond() {
            double excess = window.counts().app() - baseline.perSecond() * window.seconds();
            return Math.round(Math.max(0, excess) / window.seconds() * 100) / 100.0;
        }

        long failed() {
            return events.stream().filter(n -> n < 0).count();
        }
    }

    /** Generation requests one at a time (no burst for admissions to share writes in), with no workers to take the jobs. */
    record Lone(Lat answers, List<Api.Accepted> accepted, Window window, Window baseline) {
        double perAccepted() {
            double excess = window.counts().app() - baseline.perSecond() * window.seconds();
            return accepted.isEmpty() ? Double.NaN : Math.round(Math.max(0, excess) / accepted.size() * 100) / 100.0;
        }
    }

    /** One pass at one rate; a part that was not run is null. */
    record Pass(int rate, Bursts.Outcome burst, Map<String, Integer> canceled, Refused refused, Day.Outcome day, Window idle,
            Window hibernating, boolean stayedHibernating, Waking waking, Lone lone, Polls polls, Streams streams) {
    }

    /**
     * The request that wakes the hibernating primary, and the next one, each on a new connection
     * (a visitor's first request after the site was quiet): /api/v1/limits, which the page asks first.
     */
    record Waking(double wakingMs, double awakeMs) {
    }

    private final Topology topology;
    private final Settings settings;
    private final Settings.Budget budget;

    StoreBudget(Topology topology, Settings settings) {
        this.topology = topology;
        this.settings = settings;
        this.budget = settings.budget();
    }

    /** The backends of the store-budget passes: the production clean-up schedule, a short hibernation idle. */
    Topology.Mode mode(int workers) {
        return new Topology.Mode("store budget", workers, Map.of(
                "AIART_HIBERNATION_IDLE", budget.hibernationIdle().toSeconds() + "s",
                // production's defaults for retention and clean-up, so the idle figures are production's
                "AIART_RETENTION", "", "AIART_CLEANUP_EVERY", ""));
    }

    Pass run(int rate, boolean withDay, Log log) throws Exception {
        StoreProxy proxy = topology.proxy;
        proxy.setRate(between());
        topology.restartBackends(mode(settings.workers()));
        log.line("store pass " + label(rate) + ": backends restarted (hibernation after " + budget.hibernationIdle().toSeconds()
                + " s)");

        proxy.setRate(rate);
        Bursts.Outcome burst = new Bursts(topology).run(budget.burst(), "cold burst of " + budget.burst() + ", " + label(rate), false);
        proxy.setRate(between());
        log.line("cold burst: " + burst.submit().outcomeSummary() + ", p99 " + burst.submit().ms(99) + " ms; " + burst.answering().summary());
        Map<String, Integer> canceled = cancel(burst.accepted());
        awaitEnded(burst.accepted());

        Day.Outcome day = null;
        if (withDay) {
            proxy.setRate(rate);
            day = new Day(topology, label(rate)).run(settings.dayVisitors(), settings.dayWindow());
            proxy.setRate(between());
            log.line("day: " + day.submits().outcomeSummary() + ", polls p99 " + day.polls().ms(99) + " ms; " + day.store().summary());
            awaitEnded(day.accepted());
        }

        proxy.setRate(rate);
        Thread.sleep(3000); // the last answers' own writes land
        Window idle = window(budget.idle());
        log.line("idle awake: " + idle.counts().summary());
        boolean asleep = awaitHibernation(budget.hibernationIdle().plusSeconds(60));
        if (asleep) {
            awaitTrafficFlush();
        }
        Window hibernating = asleep ? window(budget.hibernating()) : null;
        boolean stayed = asleep && hibernating(topology.primaryPort) && hibernating(topology.fallbackPort);
        log.line("hibernating: " + (asleep ? hibernating.counts().summary() : "not reached"));
        Waking waking = null;
        if (stayed) {
            waking = new Waking(timedLimits(topology.primaryPort), timedLimits(topology.primaryPort));
            log.line("waking request " + Report.number(waking.wakingMs()) + " ms, then " + Report.number(waking.awakeMs()) + " ms"
                    + (hibernating(topology.primaryPort) ? "; the primary still reports hibernating" : ""));
        }

        proxy.setRate(between());
        topology.restartBackends(mode(0));
        // one job of another visitor queued first: the job board refreshes every second while a
        // job waits, whatever the number of visitors; the baseline is that, not an empty queue
        List<Api.Accepted> waiting = queueOne(label(rate));
        Thread.sleep(2000);
        // refusals with no workers: a token that refills while the visitor waits only queues a job
        // (two commands in the figure), it does not run one in the measured window
        Refused refused = refused(rate);
        log.line("refused: " + refused.answers().outcomeSummary() + "; " + refused.window().counts().summary() + " against a baseline of "
                + Report.number(refused.baseline().perSecond()) + "/s");
        proxy.setRate(rate);
        Duration baseline = Duration.ofSeconds(settings.quick() ? 5 : 10);
        Window before = window(baseline);
        Lone lone = lone(budget.pollers() + budget.streams(), label(rate), before);
        List<Api.Accepted> queued = lone.accepted();
        Polls polls = polls(queued.subList(0, budget.pollers()), before);
        Streams streams = streams(queued.subList(budget.pollers(), queued.size()), before);
        Window after = window(baseline);
        // the baseline: the same backends with no workers, no visitor; before and after, averaged
        Window both = new Window(StoreProxy.Counts.sum(before.counts(), after.counts()), before.seconds() + after.seconds());
        lone = new Lone(lone.answers(), lone.accepted(), lone.window(), both);
        polls = new Polls(polls.answers(), polls.window(), both);
        streams = new Streams(streams.streams(), streams.events(), streams.window(), both);
        proxy.setRate(between());
        log.line("one at a time: " + lone.answers().outcomeSummary() + ", " + lone.window().counts().summary() + "; polls: "
                + polls.answers().outcomeSummary() + ", " + polls.window().counts().summary() + "; streams: " + streams.events()
                + ", " + streams.window().counts().summary() + "; baseline " + Report.number(both.perSecond()) + "/s");
        cancel(queued);
        cancel(waiting);
        return new Pass(rate, burst, canceled, refused, day, idle, hibernating, stayed, waking, lone, polls, streams);
    }

    /**
     * The proxy's rate between measured windows: nothing held, unless the whole run is held
     * ({@code --store-ops N}).
     */
    private int between() {
        return Math.max(0, settings.storeOps());
    }

    /** A line of the benchmark's log. */
    interface Log {
        void line(String text);
    }

    static String label(int rate) {
        return rate == 0 ? "plain store" : rate + "/s store";
    }

    /** The store commands of the next {@code length}. */
    private Window window(Duration length) throws InterruptedException {
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        Thread.sleep(length.toMillis());
        return new Window(topology.proxy.counts().minus(before), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A visitor spends its grace and tokens (not measured), its accepted jobs are canceled;
     * after a baseline of the same length, it sends {@code budget.refused()} requests as fast as
     * they are answered.
     */
    private Refused refused(int rate) throws InterruptedException {
        String ip = Api.newVisitor();
        String body = Api.pictureBody("one more, and one more, and one more, " + label(rate), 3);
        List<Api.Accepted> accepted = new ArrayList<>();
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
            for (int i = 0; i < 200; i++) {
                try {
                    MiniHttp.Response r = http.postJson("/api/v1/generate/text-to-image", Api.as(ip), body, 10_000);
                    if (r.status() == 202) {
                        accepted.add(new Api.Accepted(Api.json(r).path("id").asText(), ip));
                    } else if (r.status() == 429) {
                        break;
                    }
                } catch (IOException e) {
                    // try again
                }
            }
            cancel(accepted);
            awaitEnded(accepted);
            topology.proxy.setRate(rate);
            Lat answers = new Lat("refused or blocked");
            Duration length = Duration.ofSeconds(settings.quick() ? 5 : 10);
            Window baseline = window(length);
            StoreProxy.Counts before = topology.proxy.counts();
            long t0 = System.nanoTime();
            for (int i = 0; i < budget.refused(); i++) {
                long t = System.nanoTime();
                try {
                    int status = http.postJson("/api/v1/generate/text-to-image", Api.as(ip), body, 10_000).status();
                    answers.record(System.nanoTime() - t, status);
                } catch (IOException e) {
                    answers.failed(System.nanoTime() - t);
                }
            }
            // the rest of the window: writes a request leaves behind (logs, counters) land in it
            Thread.sleep(Math.max(0, length.toMillis() - (System.nanoTime() - t0) / 1_000_000));
            Window window = new Window(topology.proxy.counts().minus(before), (System.nanoTime() - t0) / 1e9);
            topology.proxy.setRate(between());
            return new Refused(answers, budget.refused(), window, baseline);
        }
    }

    /** One picture of a new visitor, left queued (there are no workers). */
    private List<Api.Accepted> queueOne(String pass) {
        String ip = Api.newVisitor();
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
            MiniHttp.Response r = http.postJson("/api/v1/generate/text-to-image", Api.as(ip),
                    Api.pictureBody("the job that waits, " + pass + ": a boat on a calm sea", 690_000L), 30_000);
            if (r.status() != 202) {
                throw new IllegalStateException("the waiting job was answered " + r.status() + ": " + r.text());
            }
            return List.of(new Api.Accepted(Api.json(r).path("id").asText(), ip));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code count} new visitors, one at a time, 4 a second (each on a new connection, as a
     * page's first request), each get one picture accepted; with no workers, the jobs stay queued
     * for the polls and streams.
     */
    private Lone lone(int count, String pass, Window baseline) throws InterruptedException {
        Lat answers = new Lat("generation request, one at a time");
        List<Api.Accepted> accepted = new ArrayList<>();
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Thread.sleep(Math.max(0, (t0 + i * 250_000_000L - System.nanoTime()) / 1_000_000));
            String ip = Api.newVisitor();
            String body = Api.pictureBody("one at a time, " + pass + ", visitor " + i + ": a kite over a green hill", 700_000L + i);
            long t = System.nanoTime();
            try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
                MiniHttp.Response r = http.postJson("/api/v1/generate/text-to-image", Api.as(ip), body, 30_000);
                answers.record(System.nanoTime() - t, r.status());
                if (r.status() == 202) {
                    accepted.add(new Api.Accepted(Api.json(r).path("id").asText(), ip));
                }
            } catch (IOException e) {
                answers.failed(System.nanoTime() - t);
            }
        }
        Thread.sleep(Math.max(0, (t0 + count * 250_000_000L - System.nanoTime()) / 1_000_000)); // the last one's quarter second
        Window window = new Window(topology.proxy.counts().minus(before), (System.nanoTime() - t0) / 1e9);
        if (accepted.size() < count) {
            throw new IllegalStateException("only " + accepted.size() + " of " + count + " generation requests accepted (" + answers.outcomeSummary()
                    + "); the polls and streams need them queued");
        }
        return new Lone(answers, List.copyOf(accepted), window, baseline);
    }

    /** Each visitor polls its queued job once a second, as a page without Server-Sent Events does. */
    private Polls polls(List<Api.Accepted> jobs, Window baseline) throws InterruptedException {
        Lat answers = new Lat("status poll of a queued job");
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        long end = t0 + budget.polling().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Api.Accepted job = jobs.get(i);
            long offset = i * 1_000_000_000L / jobs.size(); // spread over the second, as visitors are
            threads.add(Api.thread("poller-" + i, () -> {
                try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
                    for (long next = t0 + offset; next < end; next += 1_000_000_000L) {
                        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                        long t = System.nanoTime();
                        try {
                            int status = http.get("/api/v1/jobs/" + job.id(), Api.as(job.ip()), 10_000).status();
                            answers.record(System.nanoTime() - t, status);
                        } catch (IOException e) {
                            answers.failed(System.nanoTime() - t);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Api.joinAll(threads, budget.polling().toMillis() + 30_000);
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        return new Polls(answers, new Window(topology.proxy.counts().minus(before), (System.nanoTime() - t0) / 1e9), baseline);
    }

    /** A live-status stream (Server-Sent Events) open on each queued job for {@code budget.streaming()}. */
    private Streams streams(List<Api.Accepted> jobs, Window baseline) throws InterruptedException {
        List<Integer> events = Collections.synchronizedList(new ArrayList<>());
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        long end = t0 + budget.streaming().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Api.Accepted job : jobs) {
            threads.add(Api.thread("stream-" + job.id(), () -> events.add(events(topology.primaryPort, job, end))));
        }
        Api.joinAll(threads, budget.streaming().toMillis() + 30_000);
        Window window = new Window(topology.proxy.counts().minus(before), (System.nanoTime() - t0) / 1e9);
        return new Streams(jobs.size(), List.copyOf(events), window, baseline);
    }

    /** Follows the job's event stream until {@code endNanos}; the events received, or -1 (-status) when it could not open. */
    static int events(int port, Api.Accepted job, long endNanos) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(500);
            String request = "GET /api/v1/jobs/" + job.id() + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nX-Forwarded-For: " + job.ip() + "\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(s.getInputStream());
            StringBuilder line = new StringBuilder();
            int events = 0;
            boolean statusRead = false;
            while (System.nanoTime() < endNanos) {
                int c;
                try {
                    c = in.read();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (c < 0) {
                    break; // the server ended the stream
                }
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String l = line.toString().trim();
                line.setLength(0);
                if (!statusRead) {
                    statusRead = true;
                    String[] parts = l.split(" ");
                    if (parts.length < 2 || !parts[1].equals("200")) {
                        return parts.length < 2 ? -1 : -Integer.parseInt(parts[1]);
                    }
                } else if (l.startsWith("data:")) {
                    events++;
                }
            }
            return events;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Cancels the jobs, as their visitors (4 at a time); the answers by status. */
    private Map<String, Integer> cancel(List<Api.Accepted> jobs) throws InterruptedException {
        Map<String, String> outcome = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            threads.add(Api.thread("cancel-" + c, () -> {
                try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
                    for (long i; (i = next.getAndIncrement()) < jobs.size();) {
                        Api.Accepted job = jobs.get((int) i);
                        try {
                            outcome.put(job.id(), Integer.toString(http.send("DELETE", "/api/v1/jobs/" + job.id(), Api.as(job.ip()), null, 10_000).status()));
                        } catch (IOException e) {
                            outcome.put(job.id(), "io");
                        }
                    }
                }
            }));
        }
        Api.joinAll(threads, 120_000);
        return Api.tally(outcome);
    }

    /**
     * Waits until every one of {@code jobs} has ended (a job that was running when it was
     * canceled may still finish and store its result), then a little more: the queue statistics
     * catch up and the last writes land, so that the next window starts quiet.
     */
    private void awaitEnded(List<Api.Accepted> jobs) throws InterruptedException {
        Api.awaitTerminal(topology.primaryPort, jobs, 300_000);
        Thread.sleep(3000);
        awaitSteady(Duration.ofSeconds(60));
    }

    /**
     * A job canceled while it ran still finishes its upstream call and may store its result,
     * after its status already says canceled: waits (at most {@code timeout}) until the store's
     * command rate is steady, three 2-second windows within 30 % (or 3 commands) of each other,
     * so that the next baseline is the backends at rest rather than the tail of that work.
     */
    private void awaitSteady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> last = new ArrayList<>();
        StoreProxy.Counts before = topology.proxy.counts();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            StoreProxy.Counts now = topology.proxy.counts();
            last.add(now.minus(before).app());
            before = now;
            if (last.size() >= 3) {
                List<Long> three = last.subList(last.size() - 3, last.size());
                long max = Collections.max(three);
                if (max - Collections.min(three) <= Math.max(3, 0.3 * max)) {
                    return;
                }
            }
        }
    }

    /**
     * Waiting for hibernation asked both backends for their health every second, and each
     * backend counts its API requests per minute and writes a minute once it has ended
     * ({@code aiart.monitoring.flush-every}, 5 s): waits until the minute of the last ask is
     * written, so that the hibernating window holds what a hibernating pair does on its own.
     */
    private static void awaitTrafficFlush() throws InterruptedException {
        long now = System.currentTimeMillis();
        long nextMinute = (now / 60_000 + 1) * 60_000;
        Thread.sleep(nextMinute + 7_000 - now);
    }

    private boolean awaitHibernation(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hibernating(topology.primaryPort) && hibernating(topology.fallbackPort)) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** Milliseconds from opening a connection to the whole answer of GET /api/v1/limits. */
    private static double timedLimits(int port) throws IOException {
        long start = System.nanoTime();
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 2000)) {
            MiniHttp.Response r = http.get("/api/v1/limits", Map.of(), 5000);
            if (r.status() != 200) {
                throw new IOException("/api/v1/limits answered " + r.status());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static boolean hibernating(int port) {
        try (MiniHttp http = new MiniHttp("127.0.0.1", port, 2000)) {
            MiniHttp.Response r = http.get("/api/v1/health", Map.of(), 2000);
            return r.status() == 200 && Api.json(r).path("hibernating").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }
}
