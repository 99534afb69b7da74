package ai.aiart.provider.upstream;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import ai.aiart.provider.ProvidersConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The fault-tolerance policy of every upstream provider, written once (docs/PROVIDERS.md, "Fault
 * tolerance"). A provider's {@code generate} names its guard with {@code @ApplyGuard(NAME)} and maps
 * what the guard throws with {@code @Fallback(value = GuardFallback.class, skipOn = ProviderException.class)};
 * the guards are made here, one a provider (each has its own breaker and bulkhead), by one recipe
 * ({@link #guard}) from the few numbers that differ ({@link Limits}).
 *
 * <p>Each identifier is the provider's name ({@code ImageProvider.name()}) and names its circuit
 * breaker too: {@code ProviderChain} and health read {@code CircuitBreakerMaintenance.currentState(name)}.
 * Every number can be changed without a rebuild by SmallRye Fault Tolerance's keys for the
 * identifier, in milliseconds, e.g. {@code quarkus.fault-tolerance."stability".timeout.value=60000}.
 * SmallRye's metrics ({@code ft_*}) keep the guarded method as their {@code method} tag.
 */
@Singleton
public class UpstreamGuards {

    public static final String STABILITY = "stability";
    public static final String GEMINI = "gemini";
    public static final String DASHSCOPE = "dashscope";

    /** Attempts after the first, for passing failures ({@link UpstreamException}) only. */
    static final int MAX_RETRIES = 2;
    /** The first pause before a retry; it doubles up to {@code aiart.providers.max-backoff} ({@link RetryAfterBackoff}). */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** The breaker opens when half of the last six calls failed… */
    static final int BREAKER_WINDOW = 6;
    static final double BREAKER_FAILURE_RATIO = 0.5;
    /** …and stays open this long before it lets one probe through. */
    static final Duration BREAKER_OPEN = Duration.ofSeconds(60);
    /**
     * Not failures of the upstream: a request it refused or did not accept (a healthy service said
     * no), our own full bulkhead (or {@link ModelSlots}), a canceled job.
     */
    static final List<Class<? extends Throwable>> NOT_HELD_AGAINST = List.of(RejectedRequestException.class,
            BulkheadException.class, InterruptedException.class);

    /**
     * What differs between providers.
     *
     * @param timeout     one attempt, from the request to the result's bytes (a whole task for video)
     * @param maxRetrying all attempts and the pauses between them
     * @param bulkhead    calls at once on this instance; more are refused at once (the next provider gets the job)
     */
    public record Limits(String name, Duration timeout, Duration maxRetrying, int bulkhead) {
    }

    private final Duration maxBackoff;

    public UpstreamGuards(ProvidersConfig config) {
        this.maxBackoff = config.maxBackoff();
    }

    @Produces
    @Singleton
    @Identifier(STABILITY)
    Guard stability() {
        return guard(new Limits(STABILITY, Duration.ofSeconds(90), Duration.ofMinutes(3), 4));
    }

    /** Ten minutes: a Veo video is one attempt (start, poll up to video-max-poll-time, download). */
    @Produces
    @Singleton
    @Identifier(GEMINI)
    Guard gemini() {
        return guard(new Limits(GEMINI, Duration.ofMinutes(10), Duration.ofMinutes(15), 4));
    }

    /** Ten minutes: a Wan task is one attempt; six at once, for three models of 2 tasks each ({@link ModelSlots}). */
    @Produces
    @Singleton
    @Identifier(DASHSCOPE)
    Guard dashscope() {
        return guard(new Limits(DASHSCOPE, Duration.ofMinutes(10), Duration.ofMinutes(15), 6));
    }

    /**
     * The policy, outermost first: retry of passing failures (honouring {@code Retry-After}), the
     * circuit breaker named after the provider, a timeout per attempt, the bulkhead. Durations are
     * given in milliseconds so that configured values are milliseconds too.
     */
    Guard guard(Limits limits) {
        return Guard.create()
                .withDescription(limits.name())
                .withRetry()
                    .maxRetries(MAX_RETRIES)
                    .delay(FIRST_BACKOFF.toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(limits.maxRetrying().toMillis(), ChronoUnit.MILLIS)
                    .retryOn(UpstreamException.class)
                    .withCustomBackoff().strategy(() -> new RetryAfterBackoff(maxBackoff)).done()
                    .done()
                .withCircuitBreaker()
                    .name(limits.name())
                    .requestVolumeThreshold(BREAKER_WINDOW)
                    .failureRatio(BREAKER_FAILURE_RATIO)
                    .delay(BREAKER_OPEN.toMillis(), ChronoUnit.MILLIS)
                    .skipOn(NOT_HELD_AGAINST)
                    .done()
                .withTimeout().duration(limits.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withBulkhead().limit(limits.bulkhead()).done()
                .build();
    }
}
