package ai.aiart.auth;

/**
 * The caller of a request.
 *
 * @param key              stable identifier: {@code user:<uid>} when signed in, else {@code ip:<keyed hash>}
 * @param tier             what the caller is entitled to
 * @param capacityOverride a per-user limit set by an admin, else null
 */
public record Identity(String key, Tier tier, Integer capacityOverride) {

    public Identity(String key, Tier tier) {
        this(key, tier, null);
    }
}
