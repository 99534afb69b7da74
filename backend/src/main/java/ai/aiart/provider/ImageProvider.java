package ai.aiart.provider;

import java.util.Set;
import java.util.function.DoubleConsumer;

import ai.aiart.core.JobKind;
import ai.aiart.provider.upstream.InputLimits;

/** A source of generated pictures and videos (docs/PROVIDERS.md). */
public interface ImageProvider {

    /** Short name, shown in results and metrics: {@code stability}, {@code local}, … */
    String name();

    /** The kinds this provider can make. */
    Set<JobKind> kinds();

    /** Whether it may be used (API key present, not switched off). */
    boolean configured();

    /**
     * Makes the result. Blocking; called on a worker thread.
     *
     * @param progress receives 0..1 where the provider can tell
     * @throws ProviderException when it cannot
     */
    GeneratedMedia generate(GenerationRequest request, DoubleConsumer progress);

    /**
     * What this provider accepts for {@code kind}: the runner fits the upload and the prompts to it
     * before {@link #generate} (docs/PROVIDERS.md, "Input limits and fitting"). No limits unless the
     * provider declares them.
     */
    default InputLimits inputLimits(JobKind kind) {
        return InputLimits.NONE;
    }

    /**
     * Until when the service has told us to stay away (Stability times a caller out for 60 s after a
     * 429 without {@code Retry-After}): the chain passes the provider over until then, and health says
     * {@code paused}. Empty when it may be asked.
     */
    default java.util.Optional<java.time.Instant> pausedUntil() {
        return java.util.Optional.empty();
    }
}
