package ai.aiart.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long jobs, results and uploads are kept ({@code aiart.retention}, {@code aiart.cleanup-delay}:
 * keys at the top of the tree, beside the instance's own in {@code config/AiartConfig}, whose
 * {@code aiart.cleanup-every} schedules every clean-up).
 */
@ConfigMapping(prefix = "aiart")
public interface RetentionConfig {

    /** How long results and finished jobs are kept. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * How long after start the first retention clean-up of jobs, results and uploads runs: the
     * start belongs to the visitors' requests, and the clean-up's deletes can wait. Tests shorten it
     * to see the scheduled clean-up run.
     */
    @WithDefault("1m")
    String cleanupDelay();
}
