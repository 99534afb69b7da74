package ai.aiart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scenario 3: a day of the site compressed into minutes. Visitors arrive at random moments
 * over the window; each opens the page (a page-view beacon, its limits), makes one picture
 * (three in ten make a second one, one in ten of those pictures is a video instead), follows
 * each job by polling its status every second as a page without Server-Sent Events does,
 * fetches the result (waiting out a "busy" answer), and looks at the gallery.
 */
final class Day {

    /**
     * What the day measured; {@code resultBytes}: the bytes of every result downloaded, by kind
     * ("text-to-image", "text-to-video"); {@code store}: the store commands of the whole day.
     */
    record Outcome(Lat pages, Lat submits, Lat polls, Lat results, Lat toPicture, List<Api.Accepted> accepted,
            Map<String, Integer> jobStatuses, double seconds, int visitors, Map<String, List<Long>> resultBytes, StoreProxy.Counts store) {
    }

    /** One visitor of the day: when it arrives (ns after the start), how many pictures, whether the first is a video. */
    record Visit(long arriveAfterNanos, int pictures, boolean video, long seed) {
    }

    /** The jobs the day asks for, by kind: its mix. */
    record Mix(int pictures, int videos) {
    }

    /** The day's visitors, the same every run (seeded). */
    static List<Visit> plan(int visitors, java.time.Duration window) {
        Random random = new Random(42);
        List<Visit> plan = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            long arrive = (long) (random.nextDouble() * window.toNanos());
            int pictures = random.nextDouble() < 0.3 ? 2 : 1;
            boolean video = random.nextDouble() < 0.1;
            plan.add(new Visit(arrive, pictures, video, 500_000L + v));
        }
        return plan;
    }

    /** The kinds of jobs the day's visitors ask for (every request, before any is refused). */
    static Mix mix(int visitors, java.time.Duration window) {
        int videos = 0;
        int all = 0;
        for (Visit v : plan(visitors, window)) {
            all += v.pictures();
            videos += v.video() ? 1 : 0;
        }
        return new Mix(all - videos, videos);
    }

    private final Topology topology;

    /** Added to every prompt when not empty: a second day in the same run asks for new pictures, not ones the store already has. */
    private final String variant;

    Day(Topology topology) {
        this(topology, "");
    }

    Day(Topology topology, String variant) {
        this.topology = topology;
        this.variant = variant.isEmpty() ? "" : " (" + variant + ")";
    }

    Outcome run(int visitors, java.time.Duration window) throws InterruptedException {
        Lat pages = new Lat("page open (beacon, limits)");
        Lat submits = new Lat("generation request");
        Lat polls = new Lat("status poll");
        Lat results = new Lat("result download");
        Lat toPicture = new Lat("request → picture shown");
        List<Api.Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> finalStatus = Collections.synchronizedMap(new java.util.HashMap<>());
        Map<String, List<Long>> bytes = new java.util.concurrent.ConcurrentHashMap<>();
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Visit> plan = plan(visitors, window);
        for (int v = 0; v < plan.size(); v++) {
            Visit visit = plan.get(v);
            int visitor = v;
            threads.add(Api.thread("day-visitor-" + v, () -> {
                try {
                    Thread.sleep(Math.max(0, (t0 + visit.arriveAfterNanos() - System.nanoTime()) / 1_000_000));
                    session(visitor, visit.pictures(), visit.video(), visit.seed(), pages, submits, polls, results, toPicture, accepted,
                            finalStatus, bytes);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Api.joinAll(threads, window.toMillis() + 900_000);
        Map<String, List<Long>> resultBytes = new java.util.TreeMap<>();
        bytes.forEach((kind, sizes) -> resultBytes.put(kind, List.copyOf(sizes)));
        return new Outcome(pages, submits, polls, results, toPicture, List.copyOf(accepted), Api.tally(finalStatus),
                (System.nanoTime() - t0) / 1e9, visitors, resultBytes, topology.proxy.counts().minus(before));
    }

    private void session(int visitor, int pictures, boolean video, long seed, Lat pages, Lat submits, Lat polls, Lat results,
            Lat toPicture, List<Api.Accepted> accepted, Map<String, String> finalStatus, Map<String, List<Long>> bytes)
            throws InterruptedException {
        String ip = Api.newVisitor();
        Map<String, String> as = Api.as(ip);
        try (MiniHttp http = new MiniHttp("127.0.0.1", topology.primaryPort, 5000)) {
            call(pages, () -> http.postJson("/api/v1/analytics/events", as, "{\"type\":\"page_view\",\"page\":\"/\"}", 10_000));
            call(pages, () -> http.get("/api/v1/limits", as, 10_000));
            for (int p = 0; p < pictures; p++) {
                boolean isVideo = video && p == 0;
                String kind = isVideo ? "text-to-video" : "text-to-image";
                String body = isVideo ? Api.videoBody("visitor " + visitor + ": waves on a beach at sunset" + variant, seed)
                        : Api.pictureBody("visitor " + visitor + " picture " + p + ": a fox in a snowy forest, watercolor" + variant,
                                seed + p * 7919L);
                long asked = System.nanoTime();
                MiniHttp.Response r = call(submits, () -> http.postJson("/api/v1/generate/" + kind, as, body, 30_000));
                long wait = retryIn(r);
                if (wait >= 0) {
                    Thread.sleep(wait * 1000);
                    r = call(submits, () -> http.postJson("/api/v1/generate/" + kind, as, body, 30_000));
                }
                if (r == null || r.status() != 202) {
                    continue;
                }
                String id = Api.jobId(r);
                accepted.add(new Api.Accepted(id, ip));
                String status = follow(http, as, id, polls);
                finalStatus.put(id, status);
                long size = status.equals("succeeded") ? download(http, as, id, results) : -1;
                if (size >= 0) {
                    toPicture.record(System.nanoTime() - asked, 200);
                    bytes.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(size);
                }
                Thread.sleep(3000 + (visitor * 977L + p * 1511L) % 7000); // looks at it, thinks of the next one
            }
            call(pages, () -> http.postJson("/api/v1/analytics/events", as, "{\"type\":\"page_view\",\"page\":\"/gallery.html\"}", 10_000));
        }
    }

    /**
     * After a generation answer ({@code null}: none came), the seconds until the visitor's one
     * more try: a refusal (429, 503) shows its countdown (retry_after, else Retry-After, else 10 s)
     * and the visitor tries again when it ends if it is a minute at most. -1: no second try (not
     * refused, or the countdown is too long and the visitor leaves that picture).
     */
    static long retryIn(MiniHttp.Response r) {
        if (r == null || (r.status() != 429 && r.status() != 503)) {
            return -1;
        }
        long wait = Api.retryAfter(r, 10);
        return wait > 60 ? -1 : wait;
    }

    /** Polls the job every second until it is terminal (10 minutes at most); its last status. */
    private static String follow(MiniHttp http, Map<String, String> as, String id, Lat polls) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        String status = "unknown";
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            MiniHttp.Response r = call(polls, () -> http.get("/api/v1/jobs/" + id, as, 10_000));
            if (r != null && r.status() == 200) {
                status = Api.jobStatus(r);
                if (Api.TERMINAL.contains(status)) {
                    return status;
                }
            }
        }
        return status;
    }

    /** Downloads the result (waiting out "busy"); its size in bytes, or -1 when it could not be had. */
    private static long download(MiniHttp http, Map<String, String> as, String id, Lat results) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            MiniHttp.Response r = call(results, () -> http.get("/api/v1/jobs/" + id + "/result", as, 60_000));
            if (r != null && r.status() == 200) {
                return r.body().length;
            }
            Thread.sleep((r == null ? 1 : Api.retryAfter(r, 1)) * 1000);
        }
        return -1;
    }

    private interface Call {
        MiniHttp.Response send() throws IOException;
    }

    /** Sends, records the latency and the outcome; null when no answer came. */
    private static MiniHttp.Response call(Lat lat, Call call) {
        long t = System.nanoTime();
        try {
            MiniHttp.Response r = call.send();
            lat.record(System.nanoTime() - t, r.status());
            return r;
        } catch (IOException e) {
            lat.failed(System.nanoTime() - t);
            return null;
        }
    }
}
