package ai.aiart.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.aiart.auth.User;
import ai.aiart.generation.Job;
import ai.aiart.monitoring.Alert;
import ai.aiart.monitoring.ErrorRecord;
import ai.aiart.monitoring.ResourceMetrics;
import ai.aiart.ratelimit.ManualBlock;

/**
 * A period of traffic, decided from a seed (so the same options give the same figures):
 * visitors arrive on a daily curve (quiet at 07:00 UTC, busiest around 19:00) plus a burst
 * five hours before the end (a post shared somewhere: 25 % more visitors within 40 minutes);
 * each visitor views pages, and some create images and videos. Jobs go through a queue served
 * by two workers on each of two instances; the primary restarts nine hours before the end (six
 * minutes during which the fallback serves everything). From that follow the requests and page
 * beacons (rolled up per minute by {@code DemoDay}), some errors with their 500s, one admin
 * block, and — {@link DemoResources} — the instances' minute snapshots and the alerts
 * AlertManager's rule would raise from them.
 */
record DemoTraffic(List<Job> jobs, List<User> users, List<Request> requests, List<PageEvent> pageEvents,
        List<ResourceMetrics> snapshots, List<Alert> alerts, List<ErrorRecord> errors, List<ManualBlock> blocks) {

    /** One API request as the backend's request hook sees it (duration already at 0.1 ms). */
    record Request(Instant at, String instance, String method, String path, int status, double durationMs, String ipHash) {
    }

    /** One page beacon, and the backend that took it. */
    record PageEvent(Instant at, String instance, String type, String page, String target, String ipHash) {
    }

    private static final String PRIMARY = DemoDay.INSTANCES[0];
    private static final String FALLBACK = DemoDay.INSTANCES[1];
    private static final int WORKERS_PER_INSTANCE = 2;
    private static final long MIN = 60_000;
    private static final String[] PROMPTS = {"a lighthouse on a cliff at dusk", "a fox in a snowy birch forest, watercolour",
        "neon city street in the rain, cinematic", "a cup of tea on a windowsill, morning light", "isometric cozy library",
        "portrait of an old sailor, oil painting", "a paper boat on a puddle", "mountain lake at sunrise, mist",
        "a robot tending a rooftop garden", "koi fish in a pond, ukiyo-e style", "desert caravan under the milky way"};
    private static final String[] NAMES = {"maya", "jonas", "leila", "tom", "ines", "kofi", "anna", "ravi", "sofia", "lucas",
        "yuki", "omar", "clara", "ben", "amara", "nils", "zoe", "david", "elena", "samir"};
    private static final String[] KINDS = {"text-to-image", "image-to-image", "text-to-video", "image-to-video"};
    private static final String[] PAGES = {"/", "/", "/", "/gallery.html", "/gallery.html", "/signin.html", "/donate.html"};

    static DemoTraffic generate(DemoDay.Options o) {
        return new Builder(o).build();
    }

    private static final class Builder {
        final DemoDay.Options o;
        final Random random;
        final long start;
        final long end;
        final int minutes;
        final long restartFrom;
        final long restartTo;
        final long burstFrom;
        final List<Job> jobs = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        final List<PageEvent> events = new ArrayList<>();
        final List<ErrorRecord> errors = new ArrayList<>();
        final List<User> users = new ArrayList<>();
        final Map<String, User> usersById = new HashMap<>();
        final long[] workerFree = new long[2 * WORKERS_PER_INSTANCE];
        String hammerer;

        Builder(DemoDay.Options o) {
            this.o = o;
            this.random = new Random(o.seed());
            this.start = o.start().toEpochMilli();
            this.end = o.end().toEpochMilli();
            this.minutes = (int) ((end - start) / MIN);
            this.restartFrom = end - Duration.ofHours(9).toMillis();
            this.restartTo = restartFrom + 6 * MIN;
            this.burstFrom = end - Duration.ofHours(5).toMillis();
        }

        DemoTraffic build() {
            makeUsers();
            List<long[]> arrivals = arrivals();
            // visitors in arrival order, so the queue sees jobs in the order they were made
            int n = 0;
            for (long[] arrival : arrivals) {
                visit(arrival[0], n++);
            }
            requests.sort(Comparator.comparing(Request::at));
            DemoResources resources = new DemoResources(start, minutes, restartFrom, restartTo, burstFrom + 8 * MIN, burstFrom + 14 * MIN, random);
            List<ResourceMetrics> snapshots = resources.snapshots(requests, jobs);
            List<Alert> alerts = resources.alerts(snapshots);
            return new DemoTraffic(jobs, users, requests, events, snapshots, alerts, errors, List.of(block()));
        }

        // ——— who comes when ———

        /** Relative traffic at a time of day (UTC): 0.12 at 07:00, 1 at 19:00. */
        double curve(long at) {
            double hour = (at / 1000 % 86_400) / 3600.0;
            double c = 0.5 - 0.5 * Math.cos((hour - 7) / 24 * 2 * Math.PI);
            return 0.12 + 0.88 * c * c;
        }

        List<long[]> arrivals() {
            double[] weights = new double[minutes];
            double total = 0;
            for (int m = 0; m < minutes; m++) {
                total += weights[m] = curve(start + m * MIN);
            }
            int visitors = (int) Math.round(o.visitors() * o.hours() / 24.0);
            List<long[]> out = new ArrayList<>();
            for (int v = 0; v < visitors; v++) {
                double pick = random.nextDouble() * total;
                int m = 0;
                while (m < minutes - 1 && (pick -= weights[m]) > 0) {
                    m++;
                }
                out.add(new long[] {start + m * MIN + random.nextInt(60_000)});
            }
            if (burstFrom > start) {
                for (int v = 0; v < visitors / 4; v++) {
                    out.add(new long[] {burstFrom + (long) (Math.abs(random.nextGaussian()) * 12 * MIN) % (40 * MIN)});
                }
            }
            out.removeIf(a -> a[0] >= end - 2 * MIN);
            out.sort(Comparator.comparingLong(a -> a[0]));
            return out;
        }

        void makeUsers() {
            for (int i = 0; i < 90; i++) {
                User u = new User();
                u.id = DemoDay.ID_PREFIX + "u" + String.format(Locale.ROOT, "%03d", i);
                u.email = NAMES[i % NAMES.length] + "." + (i + 3) + "@example.com";
                u.emailVerified = i % 9 != 4;
                u.tier = i < 10 ? "donor" : "registered";
                u.createdAt = Instant.ofEpochMilli(start - Duration.ofDays(1 + random.nextInt(60)).toMillis() - random.nextInt(86_400_000));
                u.lastActive = u.createdAt;
                u.usageStats = new User.UsageStats();
                u.usageStats.jobs = random.nextInt(40);
                if (i == 3 || i == 17) {
                    u.rateLimitOverrides = new User.RateLimitOverrides();
                    u.rateLimitOverrides.perMinute = i == 3 ? 20 : 2;
                }
                users.add(u);
                usersById.put(u.id, u);
            }
        }

        // ——— one visitor ———

        void visit(long at, int n) {
            String ip = hash("visitor-" + o.seed() + "-" + n);
            double t = random.nextDouble();
            User user = t < 0.05 ? users.get(random.nextInt(10)) : t < 0.22 ? users.get(10 + random.nextInt(80)) : null;
            String tier = user == null ? "anonymous" : user.tier;
            String owner = user == null ? "ip:" + ip : "user:" + user.id;
            int pages = 1 + (int) Math.min(7, Math.floor(Math.log(1 - random.nextDouble()) / Math.log(0.45)));
            long now = at;
            List<Job> mine = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                String page = p == 0 ? "/" : PAGES[random.nextInt(PAGES.length)];
                event(now, "page_view", page, null, ip);
                request(now, "GET", "/api/v1/health", 200, 3 + random.nextDouble() * 9, ip);
                if (page.equals("/signin.html") || page.equals("/donate.html")) {
                    request(now + 150, "GET", "/api/v1/limits", 200, 4 + random.nextDouble() * 10, ip);
                }
                if (page.equals("/gallery.html")) {
                    for (int k = 0; k < mine.size(); k++) { // the gallery asks for each of this visitor's jobs
                        request(now + 200 + k * 30L, "GET", "/api/v1/jobs/{id}", 200, 5 + random.nextDouble() * 15, ip);
                    }
                }
                if (page.equals("/")) {
                    int wanted = switch (tier) {
                        case "donor" -> 2 + random.nextInt(6);
                        case "registered" -> 1 + random.nextInt(4);
                        default -> random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(3);
                    };
                    for (int k = 0; k < wanted && now < end - 3 * MIN; k++) {
                        now += 20_000 + random.nextInt(70_000);
                        event(now - 500, "click", page, "create", ip);
                        Job job = job(now, tier, owner, ip);
                        mine.add(job);
                        if (user != null) {
                            user.usageStats.jobs++;
                            user.usageStats.lastJobAt = job.createdAt;
                        }
                    }
                    if (hammerer == null && user == null && now > burstFrom && random.nextDouble() < 0.3) {
                        hammerer = ip; // one visitor scripts the API during the burst: refused, then blocked
                        for (int k = 0; k < 40; k++) {
                            request(now + k * 900L, "POST", "/api/v1/generate/text-to-image", 429, 2 + random.nextDouble() * 3, ip);
                        }
                    }
                }
                now += 15_000 + random.nextInt(120_000);
            }
            if (user != null) {
                Instant last = Instant.ofEpochMilli(Math.min(now, end - MIN)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                if (user.lastActive == null || last.isAfter(user.lastActive)) {
                    user.lastActive = last;
                }
            }
        }

        Job job(long at, String tier, String owner, String ip) {
            String kind = pick(KINDS, 0.70, 0.12, 0.12);
            boolean video = kind.endsWith("video");
            boolean upload = kind.startsWith("image");
            Job job = new Job();
            job.id = DemoDay.ID_PREFIX + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + Integer.toHexString(jobs.size());
            job.kind = kind;
            job.tier = tier;
            job.priority = switch (tier) {
                case "donor" -> 1;
                case "registered" -> 2;
                default -> 3;
            };
            job.owner = owner;
            job.createdAt = Instant.ofEpochMilli(at);
            job.params = new Job.JobParams();
            job.params.prompt = PROMPTS[random.nextInt(PROMPTS.length)];
            job.params.aspectRatio = "1:1";
            job.params.seed = random.nextLong() & 0xffffffffL;
            job.params.width = video ? 1280 : 1024;
            job.params.height = video ? 720 : 1024;
            if (video) {
                job.params.durationSeconds = 5;
            }
            // no upload document is written: image-to-* jobs carry no `input`, so clean-up has nothing to delete
            request(at, "POST", "/api/v1/generate/" + kind, 202, (upload ? 80 : 15) + random.nextDouble() * (upload ? 170 : 45), ip);

            int worker = nextWorker(at);
            long started = Math.max(at + 50, workerFree[worker]);
            if (worker < WORKERS_PER_INSTANCE && started >= restartFrom && started < restartTo) {
                started = restartTo + 20_000;
            }
            double r = random.nextDouble();
            long service = (long) ((video ? 35_000 + random.nextInt(45_000) : 2_500 + random.nextInt(7_000)) * (r < 0.06 ? 0.4 : 1));
            job.attempts = 1;
            if (r < 0.025) { // the visitor gives up while waiting
                job.status = "canceled";
                job.completedAt = Instant.ofEpochMilli(at + 4_000 + random.nextInt(20_000));
                if (job.completedAt.toEpochMilli() > started) {
                    job.startedAt = Instant.ofEpochMilli(started);
                    workerFree[worker] = job.completedAt.toEpochMilli();
                }
                request(job.completedAt.toEpochMilli(), "DELETE", "/api/v1/jobs/{id}", 200, 6 + random.nextDouble() * 12, ip);
            } else {
                job.startedAt = Instant.ofEpochMilli(started);
                job.completedAt = Instant.ofEpochMilli(started + service);
                workerFree[worker] = started + service;
                job.provider = "local";
                job.leaseOwner = worker < WORKERS_PER_INSTANCE ? PRIMARY : FALLBACK;
                if (r < 0.06) {
                    job.status = "failed";
                    job.error = r < 0.04 ? new Job.JobError("provider_unavailable", "Every provider failed for this request. Please try again in a minute.")
                            : new Job.JobError("content_refused", "This prompt was refused by the provider's content policy.");
                } else {
                    job.status = "succeeded";
                    job.progress = 1.0;
                    job.result = new Job.JobResult();
                    job.result.contentType = video ? "video/mp4" : "image/png";
                    job.result.width = job.params.width;
                    job.result.height = job.params.height;
                    job.result.durationSeconds = video ? 5.0 : null;
                    job.result.provider = "local";
                    job.result.size = video ? 400_000 + random.nextInt(900_000) : 300_000 + random.nextInt(900_000);
                }
            }
            long done = job.completedAt.toEpochMilli();
            // the page follows the job over SSE (event streams are left out of response-time figures)
            request(at + 120, "GET", "/api/v1/jobs/{id}/events", 200, done - at, ip);
            if (random.nextDouble() < 0.1) {
                for (long poll = at + 5_000; poll < done; poll += 2_000) {
                    request(poll, "GET", "/api/v1/jobs/{id}", 200, 4 + random.nextDouble() * 12, ip);
                }
            }
            if ("succeeded".equals(job.status)) {
                request(done + 300, "GET", "/api/v1/jobs/{id}/result", 200, (video ? 90 : 25) + random.nextDouble() * (video ? 300 : 90), ip);
            }
            jobs.add(job);
            return job;
        }

        int nextWorker(long at) {
            int best = 0;
            for (int w = 1; w < workerFree.length; w++) {
                if (Math.max(at, workerFree[w]) < Math.max(at, workerFree[best])) {
                    best = w;
                }
            }
            return best;
        }

        // ——— what the backends wrote ———

        void request(long at, String method, String path, int status, double ms, String ip) {
            if (at >= end) {
                return;
            }
            boolean primaryDown = at >= restartFrom && at < restartTo;
            String instance = primaryDown || random.nextDouble() < 0.03 ? FALLBACK : PRIMARY;
            double duration = Math.round(ms * 10) / 10.0;
            // the burst overloads the store for a few minutes: some requests fail with a 500 (and an error record)
            if (status < 300 && !path.endsWith("/events") && at > burstFrom + 8 * MIN && at < burstFrom + 14 * MIN
                    && random.nextDouble() < 0.08) {
                status = 500;
                duration = 3000 + random.nextInt(40);
                error(at, instance, method, path, duration);
            }
            requests.add(new Request(Instant.ofEpochMilli(at), instance, method, path, status, duration, ip));
        }

        void error(long at, String instance, String method, String path, double durationMs) {
            ErrorRecord e = new ErrorRecord();
            e.at = Instant.ofEpochMilli(at + (long) durationMs);
            e.instance = instance;
            e.method = method;
            e.path = path;
            e.type = "com.mongodb.MongoTimeoutException";
            e.message = "Timed out after 3000 ms while waiting for a server that matches ReadPreferenceServerSelector{readPreference=primary}.";
            e.stack = e.type + ": " + e.message + "\n"
                    + "\tat com.mongodb.internal.connection.BaseCluster.createTimeoutException(BaseCluster.java:380)\n"
                    + "\tat com.mongodb.internal.connection.BaseCluster.selectServer(BaseCluster.java:125)\n"
                    + "\tat ai.aiart.generation.repository.JobRepository.findById(JobRepository.java)\n"
                    + "\tat ai.aiart.generation.rest.JobResource.get(JobResource.java)\n"
                    + "\t(generated by make demo-day: a representative store time-out during the burst)\n";
            errors.add(e);
        }

        void event(long at, String type, String page, String target, String ip) {
            if (at >= end) {
                return;
            }
            // beacons go where the site's requests go; no random draw, so the traffic itself is as before
            String instance = at >= restartFrom && at < restartTo ? FALLBACK : PRIMARY;
            events.add(new PageEvent(Instant.ofEpochMilli(at), instance, type, page, target, ip));
        }

        ManualBlock block() {
            ManualBlock b = new ManualBlock();
            b.id = "ip:" + (hammerer == null ? hash("visitor-" + o.seed() + "-scripted") : hammerer);
            b.createdAt = end - 20 * MIN;
            b.until = end + 40 * MIN;
            b.reason = "scripted requests during the evening burst";
            b.createdBy = DemoDay.ADMIN;
            return b;
        }

        String pick(String[] values, double... shares) {
            double r = random.nextDouble();
            for (int i = 0; i < shares.length; i++) {
                if ((r -= shares[i]) < 0) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }

        /** A stand-in for the backend's keyed IP hash: 32 hex digits, never from a real address. */
        static String hash(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 32);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
