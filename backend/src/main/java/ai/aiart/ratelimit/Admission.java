package ai.aiart.ratelimit;

import java.util.Map;

/**
 * What the limiter said about a request, as the IETF RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers, structured fields).
 */
public record Admission(Limits limits, int remaining, long resetSeconds, int graceLeft) {

    public Map<String, String> headers() {
        String name = "\"" + limits.policy() + "\"";
        return Map.of(
                "RateLimit-Policy", name + ";q=" + limits.capacity() + ";w=" + limits.windowSeconds(),
                "RateLimit", name + ";r=" + remaining + ";t=" + resetSeconds);
    }
}
