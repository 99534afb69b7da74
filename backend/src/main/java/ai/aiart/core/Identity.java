package ai.aiart.core;

/**
 * The caller of a request.
 *
 * @param key              stable identifier: {@code user:<uid>} when signed in, else {@code ip:<keyed hash>}
 * @param tier             what the caller is entitled to (a signed-in account whose e-mail is not
 *                         verified is {@link Tier#ANONYMOUS})
 * @param capacityOverride a per-user limit set by an admin, else null
 * @param address          the identity key of the caller's address ({@code ip:<keyed hash>} of its
 *                         IPv4 address or IPv6 /64), whether signed in or not; null when unknown
 * @param range            for an IPv6 caller, the key of its wider network ({@code net:<keyed hash>}
 *                         of its /48), else null
 */
public record Identity(String key, Tier tier, Integer capacityOverride, String address, String range) {

    public Identity(String key, Tier tier, Integer capacityOverride) {
        this(key, tier, capacityOverride, null, null);
    }

    public Identity(String key, Tier tier) {
        this(key, tier, null);
    }

    /** This identity, calling from {@code address} in {@code range}. */
    public Identity from(String address, String range) {
        return new Identity(key, tier, capacityOverride, address, range);
    }

    /** Whether the caller is signed in. */
    public boolean signedIn() {
        return key.startsWith("user:");
    }
}
