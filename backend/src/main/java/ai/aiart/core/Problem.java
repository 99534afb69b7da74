package ai.aiart.core;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every non-2xx answer: AiArt's error fields plus RFC 9457 members
 * ({@code application/problem+json}).
 *
 * @param retryAfter   seconds until a retry makes sense; on every 429 and 503
 * @param donationLink where to donate; on throttling and busy answers (a busy one gets it here)
 * @param extensions   further members, e.g. {@code errors} of a validation failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        boolean success,
        String errorType,
        String message,
        Long retryAfter,
        String donationLink,
        int status,
        String title,
        String type,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorType errorType, String message, Long retryAfter, String donationLink,
            Map<String, Object> extensions) {
        if (errorType == ErrorType.RESOURCE_LIMIT) {
            message = BusyPitch.message(message);
            donationLink = donationLink != null ? donationLink : BusyPitch.link();
        }
        return new Problem(false, errorType.wireName(), message, retryAfter, donationLink,
                errorType.status(), errorType.title(), "/problems/" + errorType.wireName(),
                extensions == null ? Map.of() : Map.copyOf(extensions));
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
