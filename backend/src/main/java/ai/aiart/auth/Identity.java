package ai.aiart.auth;

/**
 * The caller of a request.
 *
 * @param key  stable identifier: {@code user:<uid>} when signed in, else {@code ip:<keyed hash>}
 * @param tier what the caller is entitled to
 */
public record Identity(String key, Tier tier) {
}
