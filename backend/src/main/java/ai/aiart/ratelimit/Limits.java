package ai.aiart.ratelimit;

/**
 * The bucket a caller gets right now.
 *
 * @param policy    the tier's name, used in the {@code RateLimit-Policy} header
 * @param capacity  tokens when full (requests per window)
 * @param windowMs  time to refill from empty to full
 * @param reduced   whether load adaptation halved the capacity
 */
public record Limits(String policy, int capacity, long windowMs, int grace, boolean reduced) {

    public double refillPerMs() {
        return (double) capacity / windowMs;
    }

    public long windowSeconds() {
        return Math.max(1, windowMs / 1000);
    }
}
