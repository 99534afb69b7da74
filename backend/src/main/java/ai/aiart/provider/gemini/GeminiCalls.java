package ai.aiart.provider.gemini;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.gemini.GeminiPayloads.Detail;
import ai.aiart.provider.gemini.GeminiPayloads.ErrorAnswer;
import ai.aiart.provider.gemini.GeminiPayloads.Status;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.provider.upstream.RetryAfter;
import io.quarkus.logging.Log;

/** Calls the Gemini API and turns its errors ({@code {"error":{code, message, status, details}}}) into provider failures. */
final class GeminiCalls {

    /** Words of Google's answers when a prompt or picture is refused under its policies. */
    private static final List<String> POLICY_WORDS = List.of("violate", "policy", "policies", "safety", "responsible ai",
            "sensitive", "blocked");

    private final GeminiClient client;
    private final String apiKey;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxRetryAfter;

    GeminiCalls(GeminiClient client, String apiKey, ObjectMapper json, Clock clock, Duration maxRetryAfter) {
        this.client = client;
        this.apiKey = apiKey;
        this.json = json;
        this.clock = clock;
        this.maxRetryAfter = maxRetryAfter;
    }

    GeminiClient client() {
        return client;
    }

    String apiKey() {
        return apiKey;
    }

    /**
     * Runs one call.
     *
     * @param polling while polling, a busy answer means "look again later", never a long wait
     */
    <T> T call(JobKind kind, boolean polling, Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw failure(kind, polling, e.getResponse());
        } catch (ProcessingException e) {
            throw Failures.forIo(kind, e);
        }
    }

    /** Whether Google's message says that content was refused under its policies. */
    static boolean mentionsPolicy(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return POLICY_WORDS.stream().anyMatch(m::contains);
    }

    private ProviderException failure(JobKind kind, boolean polling, Response response) {
        int status = response.getStatus();
        Status error = readError(response);
        String message = error == null ? null : error.message();
        Log.warnf("Gemini answered HTTP %d %s: %s", status, error == null ? "" : error.status(), message);
        List<Detail> details = error == null || error.details() == null ? List.of() : error.details();
        if (details.stream().anyMatch(d -> "API_KEY_INVALID".equals(d.reason()))) {
            return Failures.unavailable(kind); // Google answers a bad key with 400
        }
        if (status == 400 && kind.video() && mentionsPolicy(message)) {
            // Veo's way of refusing a prompt; for pictures Google signals moderation in a 200 (GeminiImages)
            return Failures.refused(kind);
        }
        Optional<Duration> retryAfter = Optional.empty();
        if (!polling) {
            retryAfter = RetryAfter.parse(response.getHeaderString("Retry-After"), clock.instant())
                    .or(() -> details.stream().map(Detail::retryDelay).filter(Objects::nonNull).findFirst()
                            .flatMap(RetryAfter::parseProtoDuration));
        }
        return Failures.forStatus(kind, status, retryAfter, maxRetryAfter);
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
