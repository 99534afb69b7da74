package ai.aiart.auth;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who a caller is for fair use: decides limits and queue priority (DESIGN §6). */
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
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
