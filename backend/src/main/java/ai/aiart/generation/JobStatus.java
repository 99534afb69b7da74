package ai.aiart.generation;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a job is in its life. Terminal statuses never change again. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED;

    /** The stored and wire name, e.g. {@code queued}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    public static JobStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job status " + wire));
    }
}
