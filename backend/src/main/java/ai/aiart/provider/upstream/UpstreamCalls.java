package ai.aiart.provider.upstream;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.upstream.Failures.Verdict;

/**
 * Runs a provider's requests through its REST client and turns an error answer or a network
 * failure into the ProviderException family ({@link Failures#of}), the same way for every provider:
 * the provider only reads what its own error body says ({@link Reader}); the status, the
 * {@code Retry-After} header (RFC 9110) and what follows from them are read here.
 */
public final class UpstreamCalls {

    /** Reads an error answer's body in the provider's wire format (and logs it). */
    @FunctionalInterface
    public interface Reader {
        Reading read(JobKind kind, Response response);
    }

    /**
     * What an error body said.
     *
     * @param retryDelay a pause asked for in the body's own words (Google's {@code RetryInfo.retryDelay}),
     *                   used when there is no {@code Retry-After} header
     */
    public record Reading(Verdict verdict, Optional<Duration> retryDelay) {

        public static Reading of(Verdict verdict) {
            return new Reading(verdict, Optional.empty());
        }
    }

    private final Clock clock;
    private final Duration maxRetryAfter;
    private final Reader reader;

    /**
     * @param maxRetryAfter {@code aiart.providers.max-retry-after}: a longer pause asked for sends the job
     *                      to the next provider at once
     */
    public UpstreamCalls(Clock clock, Duration maxRetryAfter, Reader reader) {
        this.clock = clock;
        this.maxRetryAfter = maxRetryAfter;
        this.reader = reader;
    }

    /** A request whose passing failure the guard retries, after the pause the upstream asked for. */
    public <T> T call(JobKind kind, Supplier<T> request) {
        return run(kind, false, request);
    }

    /**
     * One look at a running task: a busy answer means "look again later" ({@link Poller} tolerates a
     * few), never a wait for {@code Retry-After} nor a move to the next provider.
     */
    public <T> T poll(JobKind kind, Supplier<T> request) {
        return run(kind, true, request);
    }

    private <T> T run(JobKind kind, boolean polling, Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw failure(kind, polling, e.getResponse());
        } catch (ProcessingException e) {
            throw Failures.forIo(kind, e);
        }
    }

    private ProviderException failure(JobKind kind, boolean polling, Response response) {
        Reading reading = reader.read(kind, response);
        Optional<Duration> retryAfter = polling ? Optional.empty()
                : RetryAfter.parse(response.getHeaderString("Retry-After"), clock.instant()).or(reading::retryDelay);
        return Failures.of(kind, response.getStatus(), reading.verdict(), retryAfter, maxRetryAfter);
    }
}
