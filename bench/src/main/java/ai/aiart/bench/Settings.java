package ai.aiart.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one run measures and how big it is. {@link #full()} is the benchmark of issues #9 and
 * #14 (about 25 minutes); {@link #quick()} the same scenarios, small, for a smoke run.
 *
 * @param bursts           visitors per burst, each submitting one picture at the same moment
 * @param downloads        simultaneous result downloads after the first burst
 * @param floodSeconds     how long one client hammers the generation endpoint
 * @param dayVisitors      visitors of the compressed day
 * @param dayWindow        the time their arrivals are spread over
 * @param startupRuns      start-ups measured per JVM option set
 * @param failoverTrials   trials per failure mode (refused, hung)
 * @param upstreamLatency  how long every upstream generation takes
 * @param workers          job workers per backend (aiart.queue.workers)
 * @param portBase         first of {@link Topology#PORTS} consecutive ports; 0 = free ports chosen by the system
 * @param storeOps         {@link #BOTH_WAYS}: every scenario on the plain store, the store-budget scenarios
 *                         then again at {@link #FREE_CLUSTER_OPS}/s; 0: the plain store only; N &gt; 0: the
 *                         whole run with the store held to N commands a second
 * @param budget           the sizes of the store-budget scenarios (issue #14)
 */
record Settings(boolean quick, List<Integer> bursts, int downloads, int floodSeconds, int dayVisitors, Duration dayWindow,
        int startupRuns, int failoverTrials, Duration upstreamLatency, int workers, int portBase, List<String> extraJvmOptions,
        int storeOps, Budget budget) {

    /** Workers per backend: the providers' bulkhead is 4 calls per instance, and waiting on an upstream costs no CPU. */
    static final int WORKERS = 4;
    /** Operations a second of a free MongoDB Atlas cluster (docs/DEPLOY.md, step 2). */
    static final int FREE_CLUSTER_OPS = 100;
    static final int BOTH_WAYS = -1;

    /**
     * The store-budget scenarios' sizes.
     *
     * @param burst            visitors of the cold burst
     * @param refused          requests of the visitor who is out of tokens
     * @param pollers          visitors polling a queued job once a second
     * @param polling          for how long
     * @param streams          live-status streams open on queued jobs
     * @param streaming        for how long
     * @param idle             how long both backends are watched awake with no visitor
     * @param hibernationIdle  AIART_HIBERNATION_IDLE of the store-budget backends: longer than {@code idle}
     * @param hibernating      how long they are watched hibernating
     * @param offlinePictures  pictures the offline backend makes
     * @param offlineVideos    videos the offline backend makes
     */
    record Budget(int burst, int refused, int pollers, Duration polling, int streams, Duration streaming, Duration idle,
            Duration hibernationIdle, Duration hibernating, int offlinePictures, int offlineVideos) {
    }

    static Settings full(int portBase) {
        return new Settings(false, List.of(100, 500, 1000), 200, 10, 500, Duration.ofMinutes(3), 5, 5,
                Duration.ofSeconds(2), WORKERS, portBase, List.of(), BOTH_WAYS,
                new Budget(1000, 1000, 20, Duration.ofSeconds(30), 20, Duration.ofSeconds(30), Duration.ofSeconds(60),
                        Duration.ofSeconds(70), Duration.ofSeconds(30), 12, 4));
    }

    static Settings quick(int portBase) {
        return new Settings(true, List.of(25, 50, 100), 50, 4, 50, Duration.ofSeconds(20), 2, 1,
                Duration.ofSeconds(2), WORKERS, portBase, List.of(), BOTH_WAYS,
                new Budget(100, 200, 20, Duration.ofSeconds(10), 20, Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofSeconds(20), Duration.ofSeconds(5), 3, 1));
    }

    Settings withBursts(List<Integer> sizes) {
        return new Settings(quick, sizes, downloads, floodSeconds, dayVisitors, dayWindow, startupRuns, failoverTrials, upstreamLatency,
                workers, portBase, extraJvmOptions, storeOps, budget);
    }

    Settings withJvmOptions(List<String> options) {
        return new Settings(quick, bursts, downloads, floodSeconds, dayVisitors, dayWindow, startupRuns, failoverTrials, upstreamLatency,
                workers, portBase, options, storeOps, budget);
    }

    Settings withStoreOps(int ops) {
        return new Settings(quick, bursts, downloads, floodSeconds, dayVisitors, dayWindow, startupRuns, failoverTrials, upstreamLatency,
                workers, portBase, extraJvmOptions, ops, budget);
    }

    /** The largest burst: the one the targets speak of. */
    int largestBurst() {
        return bursts.get(bursts.size() - 1);
    }

    /** The rates of the store-budget passes, in order: 0 is the plain store (counted, not held). */
    List<Integer> storePasses() {
        return storeOps == BOTH_WAYS ? List.of(0, FREE_CLUSTER_OPS) : List.of(storeOps);
    }
}
