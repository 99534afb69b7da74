package ai.aiart.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of AiArt. Each key is also settable by environment variable:
 * {@code aiart.queue.max} → {@code AIART_QUEUE_MAX}.
 */
@ConfigMapping(prefix = "aiart")
public interface AiartConfig {

    /** Name of this backend instance, shown in {@code /api/v1/health} (e.g. primary, fallback). */
    @WithDefault("local")
    String instance();

    /** The store. */
    Store store();

    /** The job queue and its workers. */
    Queue queue();

    /** Limits on what a generation request may ask for. */
    Generation generation();

    /** Uploaded pictures (image-to-image, image-to-video). */
    Uploads uploads();

    /** How long a request body may take to arrive (docs/RELIABILITY.md, "Slow bodies"). */
    Http http();

    /** The built-in offline renderer. */
    Local local();

    /** The upstream image and video services, their models and failover chains. */
    ai.aiart.provider.ProvidersConfig providers();

    /** How long results and finished jobs are kept. */
    @WithDefault("P7D")
    Duration retention();

    /** Schedule of the retention clean-up. */
    @WithDefault("1h")
    String cleanupEvery();

    /**
     * How long after start the first retention clean-up of jobs, results and uploads runs: the
     * start belongs to the visitors' requests, and the clean-up's deletes can wait. Tests shorten it
     * to see the scheduled clean-up run.
     */
    @WithDefault("1m")
    String cleanupDelay();

    /**
     * Key of the keyed hash under which client IPs are stored (never in the clear). Every
     * instance must use the same key so a visitor is one identity everywhere. Only the
     * {@code dev} and {@code test} profiles have a default; every other profile refuses to
     * start without {@code AIART_IP_HASH_KEY} (see {@link IpHashKey}).
     */
    Optional<String> ipHashKey();

    /**
     * The key ring personal data is encrypted with before it is stored ({@code AIART_DATA_KEY}):
     * {@code id:base64key}, comma separated, the first encrypting (docs/IDENTITY.md, "Encrypted at
     * rest"). Only the {@code dev} and {@code test} profiles have a default; every other profile
     * refuses to start without one, or with the development ring ({@code privacy/DataKey}).
     */
    Optional<String> dataKey();

    /**
     * For fault tests only: this instance's clock runs this far ahead (negative: behind) of real
     * time, to show how leases behave between backends whose clocks disagree. Logged loudly when set.
     */
    @WithName("testing.clock-offset")
    Optional<Duration> clockOffset();

    /**
     * How many proxies in front of the backend may be trusted to append to X-Forwarded-For: the
     * rule used when {@link #clientIpHeader()} is unset or gives no address (docs/FAIR_USE.md,
     * "Client IP and proxies").
     */
    @WithDefault("0")
    int trustedProxies();

    /**
     * The request header in which the platform's proxy puts the client's address and which it
     * overwrites whatever the client sent ({@code Fly-Client-IP} on Fly, {@code X-Real-IP} on
     * Railway, {@code True-Client-IP} on Render), {@code AIART_CLIENT_IP_HEADER}. Unset (the
     * default): no header is trusted. A value that is not one IP address is ignored, and
     * {@link #trustedProxies()} decides (auth/ClientAddresses).
     */
    Optional<String> clientIpHeader();

    /** Load sampling. */
    Load load();

    /** The other backend(s) this one watches (docs/OPERATIONS.md). */
    Peers peers();

    /** Pausing non-essential work while nobody uses the instance (docs/OPERATIONS.md). */
    Hibernation hibernation();

    /** Stored metric snapshots and the traffic roll-ups. */
    Monitoring monitoring();

    /** Alerts on resource and service thresholds (docs/OPERATIONS.md). */
    Alerts alerts();

    interface Alerts {
        /** Process CPU (0..1) above which an alert opens. */
        @WithDefault("0.85")
        double cpu();

        /** Memory use (0..1) above which an alert opens. */
        @WithDefault("0.90")
        double memory();

        /** Share of API answers that are 5xx, over one evaluation period, above which an alert opens. */
        @WithDefault("0.05")
        double errorRate();

        /** Mean API response time above which an alert opens. */
        @WithDefault("30s")
        Duration responseTime();

        /** How often thresholds are evaluated. */
        @WithDefault("1m")
        String evaluateEvery();

        /** After an alert resolves, the same alert does not open again for this long. */
        @WithDefault("15m")
        Duration cooldown();

        /**
         * Share of {@code aiart.store.ops-budget} above which the store-commands alert opens: the
         * commands a second of every live backend together, from their latest snapshots
         * (docs/OPERATIONS.md, "Store commands").
         */
        @WithDefault("0.7")
        double storeOps();

        /** Discord- or Slack-compatible webhook that is told when alerts open and resolve. */
        Optional<String> webhookUrl();
    }

    interface Peers {
        /** Base URLs of the other backends, e.g. the fallback's for the primary. */
        Optional<List<String>> urls();

        /** How often each peer's /api/v1/health is checked. */
        @WithDefault("30s")
        String checkEvery();

        /** How long a peer may take to answer its health check. */
        @WithDefault("3s")
        Duration timeout();
    }

    interface Hibernation {
        /** Whether the instance may hibernate at all. */
        @WithDefault("true")
        boolean enabled();

        /** Time without API traffic (health probes do not count) and with an empty queue before hibernating. */
        @WithDefault("15m")
        Duration idle();

        /** How often idle workers look for jobs while hibernating. */
        @WithDefault("30s")
        Duration pollEvery();
    }

    interface Monitoring {
        /** How often a ResourceMetrics snapshot is stored. */
        @WithDefault("1m")
        String snapshotEvery();

        /**
         * How often the traffic roll-up looks for closed minutes to write: each instance writes a
         * minute once, at most this long after it ended (one insert per minute with traffic).
         */
        @WithDefault("5s")
        String flushEvery();

        /** Most distinct hashed IPs one minute of the traffic roll-up keeps; more are counted as overflow. */
        @WithDefault("2000")
        int minuteIps();

        /**
         * Most distinct endpoints, pages and click targets (each) one minute keeps; the rest are
         * counted under "(other)" and as overflow, so paths made up by scanners cannot grow a minute.
         */
        @WithDefault("200")
        int minuteKeys();

        /** Most distinct response times (at 0.1 ms) one minute keeps; more are left out of the distribution and counted. */
        @WithDefault("3000")
        int minuteDurations();

        /** Closed minutes held in memory while the store cannot take them; beyond it the oldest are dropped and counted. */
        @WithDefault("120")
        int unwrittenMinutes();

        /** How long traffic roll-ups, snapshots and error records are kept. */
        @WithDefault("P30D")
        Duration keep();
    }

    /** Fair use: tiers, token buckets, grace, load adaptation, abuse blocks (docs/FAIR_USE.md). */
    RateLimit rateLimit();

    interface RateLimit {
        /** Generation requests a minute (bucket capacity) for anonymous callers. */
        @WithDefault("3")
        int anonymous();

        /** … for signed-in callers. */
        @WithDefault("5")
        int registered();

        /** … for donors. */
        @WithDefault("10")
        int donor();

        /** … for admins. */
        @WithDefault("60")
        int admin();

        /** The window a bucket refills over (its capacity per window). */
        @WithDefault("60s")
        Duration window();

        /** Generation requests of a new identity that are always allowed. */
        @WithDefault("5")
        int grace();

        /** Load above which every capacity is halved. */
        @WithDefault("0.8")
        double highLoad();

        /** Load below which the capacities return. */
        @WithDefault("0.7")
        double normalLoad();

        /**
         * Above {@link #highLoad()}, a refusal's retry hint doubles for each such step of load (or part
         * of one), up to 16 times: with 0.05, ×2 up to 85 %, ×4 up to 90 %, ×8 up to 95 %, ×16 above.
         */
        @WithDefault("0.05")
        double loadBackoffStep();

        /** Longest retry hint of soft throttling. */
        @WithDefault("300s")
        Duration maxRetryAfter();

        /**
         * What a generation request over the caller's own allowance gets (not a blocked caller's, and
         * not one over a shared allowance of an address or network): {@code refuse} (429 with a retry
         * hint), or {@code defer}: accepted into the deferred lane, served after every other job and
         * not before its token is due, at most one such job per caller at a time (docs/FAIR_USE.md,
         * "Soft throttling").
         */
        @WithDefault("refuse")
        OverLimit overLimit();

        /** {@link #overLimit()}. */
        enum OverLimit {
            REFUSE, DEFER
        }

        /** Refusals within {@code abuse-window} after which an identity is blocked. */
        @WithDefault("20")
        int abuseThreshold();

        /** Window in which refusals count towards a block. */
        @WithDefault("60s")
        Duration abuseWindow();

        /** First block; each further block doubles it. */
        @WithDefault("15m")
        Duration blockFor();

        /** Longest block. */
        @WithDefault("24h")
        Duration maxBlock();

        /** Status reads (GET /jobs/…) a minute per client IP, counted by each instance. */
        @WithDefault("300")
        int pollingPerMinute();

        /** Analytics beacons a minute per client IP, counted by each instance. */
        @WithDefault("60")
        int beaconsPerMinute();

        /**
         * How much of an IPv6 address names one anonymous visitor: the first this many bits (a /64
         * is what one home or phone is given, so every address in it is the same visitor). IPv4
         * addresses are taken whole. From 16 to 128.
         */
        @WithDefault("64")
        int ipv6Prefix();

        /**
         * The wider IPv6 network whose /64s share one coarse allowance ({@link #perIpv6Range()}): a
         * /48 is what one site or provider customer is usually given. From 16 to the
         * {@link #ipv6Prefix()}.
         */
        @WithDefault("48")
        int ipv6RangePrefix();

        /**
         * Creations a window that anonymous visitors and unverified accounts of one IPv6
         * {@link #ipv6RangePrefix()} network make in all, however many /64s they send from: a larger
         * range gains little over one /64's {@link #anonymous()}.
         */
        @WithDefault("20")
        int perIpv6Range();

        /**
         * Creations a window that verified accounts below the admin tier make in all from one
         * address (an IPv4 address or IPv6 /64), however many accounts: a household or an office
         * behind one address shares it, and scripted accounts gain nothing beyond it. Unverified
         * accounts spend the address's anonymous allowance instead ({@link #anonymous()}).
         */
        @WithDefault("30")
        int perAddress();

        /**
         * How long an identity's bucket is kept after its last generation request; forgetting it
         * gives back its grace, but keeps the store from growing with every visitor ever seen.
         */
        @WithDefault("P30D")
        Duration forgetAfter();

        /** Where refused visitors can donate. */
        @WithDefault("/donate.html")
        String donationLink();
    }

    /** Cross-origin access. */
    Cors cors();

    /** Sign-in (Firebase ID tokens), the admin role and admin blocks (docs/IDENTITY.md). */
    ai.aiart.auth.AuthConfig auth();

    /**
     * Shared secret of backend-to-backend endpoints, sent in {@code X-Internal-Key}; the same on
     * every backend. Unset: internal endpoints are disabled (403).
     */
    Optional<String> internalApiKey();

    interface Load {
        /** How often the resource monitor samples CPU, memory and queue. */
        @WithDefault("5s")
        String sampleEvery();
    }

    interface Cors {
        /** Origins of the frontend allowed to call the API from a browser. */
        List<String> origins();
    }

    interface Store {
        /** The embedded MongoDB-wire server used when no connection string is configured. */
        Embedded embedded();

        /**
         * Most bytes of stored results (GridFS bucket {@code results}). Past it the oldest results
         * are removed first until the total is under 95 % of it, and their jobs become
         * {@code expired}. The default leaves a free 512 MB cluster room for uploads, jobs and logs.
         */
        @WithDefault("350M")
        MemorySize resultsBudget();

        /**
         * Most bytes of stored uploads (GridFS bucket {@code uploads}). Past it uploads are refused
         * with 503 {@code resource_limit} until jobs that use them have ended.
         */
        @WithDefault("64M")
        MemorySize uploadsBudget();

        /**
         * How often the stored bytes are summed against the budgets (one aggregate per bucket);
         * skipped while the instance hibernates.
         */
        @WithDefault("1m")
        String budgetEvery();

        /**
         * Commands a second the whole store may take from all backends together: a free MongoDB
         * Atlas cluster allows about 100 operations a second and holds back the rest. The
         * dashboard draws it and {@code aiart.alerts.store-ops} alerts on a share of it.
         */
        @WithDefault("100")
        double opsBudget();

        interface Embedded {
            /**
             * Start the embedded store in this process when {@code quarkus.mongodb.connection-string}
             * is not set. If the port is already taken (another local backend runs it), this backend
             * joins that store instead.
             */
            @WithDefault("true")
            boolean enabled();

            /** Address the embedded store listens on; also where the client connects by default. */
            @WithDefault("127.0.0.1")
            String host();

            /** Port of the embedded store. */
            @WithDefault("27017")
            int port();

            /** Directory of the store's data file; {@code memory} keeps nothing on disk. */
            @WithName("data-dir")
            @WithDefault("data")
            String dataDir();
        }
    }

    interface Queue {
        /** Most jobs that may wait at once; beyond it generation answers 503 resource_limit. */
        @WithDefault("500")
        int max();

        /** Worker threads of this instance (jobs processed at once). */
        @WithDefault("2")
        int workers();

        /**
         * How often an idle worker looks at this instance's job board for jobs queued by other
         * instances (memory only: the board's refresh is the one store command).
         */
        @WithDefault("1s")
        Duration pollEvery();

        /** How long a claimed job belongs to its worker without a renewal. */
        @WithDefault("30s")
        Duration lease();

        /** How often a worker renews the leases of the jobs it is working on. */
        @WithDefault("10s")
        Duration renewEvery();

        /** Claims of one job before it is failed for good. */
        @WithDefault("3")
        int maxAttempts();

        /** Schedule of the reaper that requeues the jobs of dead workers. */
        @WithDefault("5s")
        String reapEvery();

        /** How often an events stream looks for changes of its job. */
        @WithDefault("500ms")
        Duration eventsEvery();

        /** Longest life of one events stream; the client then reconnects or polls. */
        @WithDefault("10m")
        Duration eventsMaxDuration();

        /**
         * Longest silence of an events stream: when its job has not changed for this long, the
         * stream sends the job as it is again (a heartbeat), so the page, which takes 5 s of
         * silence for a dead stream and polls instead, keeps a live one, and the connection is
         * never idle long enough for {@code quarkus.http.idle-timeout} (60 s).
         */
        @WithDefault("2s")
        Duration eventsHeartbeat();

        /**
         * Live-status streams one visitor (one address) may have open on an instance; one more is
         * refused with 429 and the page polls instead.
         */
        @WithDefault("8")
        int eventsPerVisitor();

        /** Live-status streams an instance keeps open in all; one more is refused with 503. */
        @WithDefault("200")
        int eventsMax();

        /**
         * How often the job board (queue length, positions, statuses: one store command for
         * everyone) is refreshed while jobs wait or run.
         */
        @WithDefault("1s")
        String statsEvery();

        /** … while nothing waits or runs (hibernation: {@code aiart.hibernation.poll-every}). */
        @WithDefault("5s")
        Duration statsIdleEvery();

        /** Service time assumed for a kind before any job of it has been measured. */
        @WithDefault("5s")
        Duration initialServiceTime();
    }

    interface Generation {
        /** Longest prompt accepted, in characters. */
        @WithDefault("2000")
        int maxPromptLength();

        /** Length in pixels of the long side of generated pictures. */
        @WithDefault("1024")
        int longSide();

        /** Length in pixels of the long side of generated videos. */
        @WithDefault("640")
        int videoLongSide();

        /** Length of a video when the caller does not say. */
        @WithDefault("4")
        int defaultVideoSeconds();

        /** How long an Idempotency-Key keeps returning the job it created. */
        @WithDefault("PT24H")
        Duration idempotencyWindow();

        /**
         * Result downloads one instance streams at the same time. Each holds about one GridFS
         * chunk (255 KB) plus the connection's write queue, so the bound caps the memory a burst
         * of downloads can take (docs/PERFORMANCE.md); beyond it a download waits
         * {@link #downloadWait()}, then gets 503 {@code resource_limit} with Retry-After.
         */
        @WithDefault("16")
        int maxConcurrentDownloads();

        /** How long a result download may wait for a free slot before it is refused. */
        @WithDefault("2s")
        Duration downloadWait();
    }

    interface Http {
        /**
         * The longest a request body may take to arrive, whatever its length; a body still
         * arriving then gets 408 and its connection is closed. With the 11 MB body limit, a
         * picture upload at the slowest rate allowed ({@link #bodyMinRate()}) fits in it.
         */
        @WithDefault("180s")
        Duration bodyDeadline();

        /**
         * The slowest a body with a length may arrive: its deadline is 10 s plus its length at this
         * rate (a JSON prompt gets about 10 s, a 10 MB picture 170 s), at most {@link #bodyDeadline()}.
         */
        @WithDefault("64K")
        MemorySize bodyMinRate();
    }

    interface Uploads {
        /** Largest upload accepted, in bytes. */
        @WithDefault("10485760")
        long maxBytes();

        /** Longest side of an upload, in pixels. */
        @WithDefault("4096")
        int maxSide();

        /**
         * Uploads one visitor may have stored at once (each waits for its job, and is deleted as
         * soon as the job ends); one more is refused with 429 {@code rate_limited}.
         */
        @WithDefault("3")
        int maxPerVisitor();

        /**
         * Memory that picture decoding may hold at once on an instance (upload checks, the offline
         * renderer reading an upload, checks of an upstream's picture), estimated from each picture's
         * header ({@code MediaProbe.decodeCost}). A picture whose decode alone would need more is
         * refused with 413; one that finds the budget taken waits {@link #decodeWait()}. The default
         * takes a 4096 × 4096 progressive JPEG (48 MB) and a WebP of up to about 13.6 megapixels
         * (3,600 × 3,600 px), and keeps a flood of the largest WebP (64 MB each to decode) out of a
         * 256 MB heap (docs/RELIABILITY.md, "Uploads").
         */
        @WithDefault("52M")
        MemorySize decodeBudget();

        /** Decodes that may run at once on an instance, whatever their size. */
        @WithDefault("2")
        int maxConcurrentDecodes();

        /**
         * How long an upload waits for the decode budget before it is refused with 503
         * {@code resource_limit} and Retry-After.
         */
        @WithDefault("10s")
        Duration decodeWait();
    }

    interface Local {
        /** Whether the offline renderer takes part in the provider chains. */
        @WithDefault("true")
        boolean enabled();

        /** Frames per second of the offline renderer's videos. */
        @WithDefault("12")
        int videoFps();

        /** Optional artificial delay per job, to make queues visible in demos. */
        Optional<Duration> delay();
    }
}
