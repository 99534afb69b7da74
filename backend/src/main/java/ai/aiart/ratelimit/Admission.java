package ai.aiart.ratelimit;

import java.util.Map;

/**
 * What the limiter said about a request, as the IETF RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers, structured fields); {@code byGrace} when one of the
 * identity's grace requests paid for it rather than a token.
 */
public record Admission(Limits limits, int remaining, long resetSeconds, int graceLeft, boolean byGrace) {

    public Admission(Limits limits, int remaining, long resetSeconds, int graceLeft) {
        this(limits, remaining, resetSeconds, graceLeft, false);
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
