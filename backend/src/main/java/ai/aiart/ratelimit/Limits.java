package ai.aiart.ratelimit;

/**
 * The bucket a caller gets right now.
 *
 * @param policy    the tier's name, used in the {@code RateLimit-Policy} header
 * @param capacity  tokens when full (requests per window)
 * @param windowMs  time to refill from empty to full
 * @param reduced   whether load adaptation halved the capacity
 * @param backoff   what a refusal's retry hint is multiplied by for load ({@link LoadAdaptation#backoff()}):
 *                  1 up to the high load, then 2, 4, 8, 16
 */
public record Limits(String policy, int capacity, long windowMs, int grace, boolean reduced, int backoff) {

    public Limits(String policy, int capacity, long windowMs, int grace, boolean reduced) {
        this(policy, capacity, windowMs, grace, reduced, 1);
    }

    public double refillPerMs() {
        return (double) capacity / windowMs;
    }

    public long windowSeconds() {
        return Math.max(1, windowMs / 1000);
    }
}
