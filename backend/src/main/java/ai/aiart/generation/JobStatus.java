package ai.aiart.generation;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a job is in its life. Terminal statuses never change again, but for one step:
 * {@code succeeded} becomes {@code expired} when its result is removed to keep the store within
 * its results budget ({@code aiart.store.results-budget}).
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED,
    /** It succeeded, and its result was removed later to make room for newer ones. */
    EXPIRED;

    /** The stored and wire name, e.g. {@code queued}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    public static JobStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job status " + wire));
    }
}
