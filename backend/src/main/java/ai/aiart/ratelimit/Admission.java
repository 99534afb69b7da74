package ai.aiart.ratelimit;

import java.util.Map;

/**
 * What the limiter said about a request, as the IETF RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers, structured fields); {@code byGrace} when one of the
 * identity's grace requests paid for it rather than a token; {@code deferredUntilMs} (epoch ms, 0
 * when not) when it was over the allowance and goes to the deferred lane, not to start before then
 * (docs/FAIR_USE.md, "Soft throttling").
 */
public record Admission(Limits limits, int remaining, long resetSeconds, int graceLeft, boolean byGrace,
        long deferredUntilMs) {

    public Admission(Limits limits, int remaining, long resetSeconds, int graceLeft) {
        this(limits, remaining, resetSeconds, graceLeft, false, 0);
    }

    /** Whether the request waits in the deferred lane. */
    public boolean deferred() {
        return deferredUntilMs > 0;
    }

    /**
     * The two headers. While load backs off retry hints, {@code RateLimit} carries the factor as a
     * parameter of our own, {@code backoff} (structured-field parameters a client does not know are
     * ignored by it): {@code "anonymous";r=0;t=60;backoff=4}.
     */
    public Map<String, String> headers() {
        String name = "\"" + limits.policy() + "\"";
        return Map.of(
                "RateLimit-Policy", name + ";q=" + limits.capacity() + ";w=" + limits.windowSeconds(),
                "RateLimit", name + ";r=" + remaining + ";t=" + resetSeconds + (limits.backoff() > 1 ? ";backoff=" + limits.backoff() : ""));
    }
}
