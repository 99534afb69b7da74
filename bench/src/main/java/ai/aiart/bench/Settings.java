package ai.aiart.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one run measures and how big it is. {@link #full()} is the benchmark of issue #9 (about
 * 12 minutes); {@link #quick()} the same scenarios, small, for a smoke run (about 3 minutes).
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
 * @param portBase         first of five consecutive ports; 0 = free ports chosen by the system
 */
record Settings(boolean quick, List<Integer> bursts, int downloads, int floodSeconds, int dayVisitors, Duration dayWindow,
        int startupRuns, int failoverTrials, Duration upstreamLatency, int workers, int portBase, List<String> extraJvmOptions) {

    /** Workers per backend: the providers' bulkhead is 4 calls per instance, and waiting on an upstream costs no CPU. */
    static final int WORKERS = 4;

    static Settings full(int portBase) {
        return new Settings(false, List.of(100, 500, 1000), 200, 10, 500, Duration.ofMinutes(3), 5, 3,
                Duration.ofSeconds(2), WORKERS, portBase, List.of());
    }

    static Settings quick(int portBase) {
        return new Settings(true, List.of(25, 50, 100), 50, 4, 50, Duration.ofSeconds(20), 2, 1,
                Duration.ofSeconds(2), WORKERS, portBase, List.of());
    }

    Settings withBursts(List<Integer> sizes) {
        return new Settings(quick, sizes, downloads, floodSeconds, dayVisitors, dayWindow, startupRuns, failoverTrials, upstreamLatency,
                workers, portBase, extraJvmOptions);
    }

    Settings withJvmOptions(List<String> options) {
        return new Settings(quick, bursts, downloads, floodSeconds, dayVisitors, dayWindow, startupRuns, failoverTrials, upstreamLatency,
                workers, portBase, options);
    }

    /** The largest burst: the one the targets speak of. */
    int largestBurst() {
        return bursts.get(bursts.size() - 1);
    }
}
