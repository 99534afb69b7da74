package ai.aiart.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The job queue and its workers ({@code aiart.queue.*}, docs/GENERATION.md). */
@ConfigMapping(prefix = "aiart.queue")
public interface QueueConfig {

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
