package ai.aiart.core;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a job makes, named as in the API paths ({@code /generate/text-to-image}). */
public enum JobKind {
    TEXT_TO_IMAGE("text-to-image", false),
    IMAGE_TO_IMAGE("image-to-image", false),
    TEXT_TO_VIDEO("text-to-video", true),
    IMAGE_TO_VIDEO("image-to-video", true);

    private final String wire;
    private final boolean video;

    JobKind(String wire, boolean video) {
        this.wire = wire;
        this.video = video;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean video() {
        return video;
    }

    public static Optional<JobKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
