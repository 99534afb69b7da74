package ai.aiart.generation.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.JobKind;
import ai.aiart.generation.QueueConfig;

/** Recent mean service time per kind, as an exponentially weighted moving average. */
@ApplicationScoped
public class ServiceTimes {

    private static final double ALPHA = 0.3;

    private final Map<JobKind, Double> meanMillis = new EnumMap<>(JobKind.class);
    private final double initialMillis;

    public ServiceTimes(QueueConfig config) {
        this.initialMillis = config.initialServiceTime().toMillis();
    }

    public synchronized void record(JobKind kind, Duration took) {
        double sample = took.toMillis();
        meanMillis.merge(kind, sample, (old, now) -> old + ALPHA * (now - old));
    }

    public synchronized Duration mean(JobKind kind) {
        return Duration.ofMillis(Math.round(meanMillis.getOrDefault(kind, initialMillis)));
    }
}
