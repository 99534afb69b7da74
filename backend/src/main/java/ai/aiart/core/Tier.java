package ai.aiart.core;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who a caller is for fair use: decides limits and queue priority (docs/FAIR_USE.md). */
public enum Tier {
    ANONYMOUS(3), REGISTERED(2), DONOR(1), ADMIN(1);

    private final int priority;

    Tier(int priority) {
        this.priority = priority;
    }

    /** Queue priority: lower is served first. */
    public int priority() {
        return priority;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier of a wire name ({@code donor}), if there is one. */
    public static Optional<Tier> fromWire(String wire) {
        for (Tier tier : values()) {
            if (tier.wire().equals(wire)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
