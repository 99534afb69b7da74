package ai.aiart.provider.gemini;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.gemini.GeminiPayloads.Detail;
import ai.aiart.provider.gemini.GeminiPayloads.ErrorAnswer;
import ai.aiart.provider.gemini.GeminiPayloads.Status;
import ai.aiart.provider.upstream.Failures.Verdict;
import ai.aiart.provider.upstream.RetryAfter;
import ai.aiart.provider.upstream.UpstreamCalls;
import ai.aiart.provider.upstream.UpstreamCalls.Reading;
import io.quarkus.logging.Log;

/**
 * Calls the Gemini API through {@link UpstreamCalls}, reading its errors
 * ({@code {"error":{code, message, status, details}}}) for what they say.
 */
final class GeminiCalls {

    /** Words of Google's answers when a prompt or picture is refused under its policies. */
    private static final List<String> POLICY_WORDS = List.of("violate", "policy", "policies", "safety", "responsible ai",
            "sensitive", "blocked");

    private final GeminiClient client;
    private final String apiKey;
    private final ObjectMapper json;
    private final UpstreamCalls calls;

    GeminiCalls(GeminiClient client, String apiKey, ObjectMapper json, Clock clock, Duration maxRetryAfter) {
        this.client = client;
        this.apiKey = apiKey;
        this.json = json;
        this.calls = new UpstreamCalls(clock, maxRetryAfter, this::read);
    }

    GeminiClient client() {
        return client;
    }

    String apiKey() {
        return apiKey;
    }

    /** Runs one request (see {@link UpstreamCalls#call}). */
    <T> T call(JobKind kind, Supplier<T> request) {
        return calls.call(kind, request);
    }

    /** Looks at a running operation once (see {@link UpstreamCalls#poll}). */
    <T> T poll(JobKind kind, Supplier<T> request) {
        return calls.poll(kind, request);
    }

    /** Whether Google's message says that content was refused under its policies. */
    static boolean mentionsPolicy(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return POLICY_WORDS.stream().anyMatch(m::contains);
    }

    /** What Google's error answer says; the status and Retry-After are read by {@link UpstreamCalls}. */
    private Reading read(JobKind kind, Response response) {
        int status = response.getStatus();
        Status error = readError(response);
        String message = error == null ? null : error.message();
        Log.warnf("Gemini answered HTTP %d %s: %s", status, error == null ? "" : error.status(), message);
        List<Detail> details = error == null || error.details() == null ? List.of() : error.details();
        if (details.stream().anyMatch(d -> "API_KEY_INVALID".equals(d.reason()))) {
            return Reading.of(Verdict.KEY_REFUSED); // Google answers a bad key with 400
        }
        if (status == 400 && kind.video() && mentionsPolicy(message)) {
            // Veo's way of refusing a prompt; for pictures Google signals moderation in a 200 (GeminiImages)
            return Reading.of(Verdict.REFUSED);
        }
        Optional<Duration> retryInfo = details.stream().map(Detail::retryDelay).filter(Objects::nonNull).findFirst()
                .flatMap(RetryAfter::parseProtoDuration);
        return new Reading(Verdict.NONE, retryInfo);
    }

    private Status readError(Response response) {
        try {
            ErrorAnswer answer = json.readValue(response.readEntity(String.class), ErrorAnswer.class);
            return answer == null ? null : answer.error();
        } catch (Exception e) {
            return null;
        }
    }
}
