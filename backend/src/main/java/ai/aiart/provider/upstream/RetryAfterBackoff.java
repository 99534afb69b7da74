package ai.aiart.provider.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import ai.aiart.provider.ProvidersConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Pause before the next attempt of a guarded call. When the upstream said how long to wait
 * ({@code Retry-After}, carried by {@link UpstreamException}) that is the pause; otherwise it
 * doubles from the {@code @Retry} delay up to {@code aiart.providers.max-backoff}, with "equal
 * jitter" (a random half) so that instances retrying together spread out. SmallRye Fault
 * Tolerance makes one instance per guarded invocation.
 */
public final class RetryAfterBackoff implements CustomBackoffStrategy {

    /** Used only where no application (and so no configuration) is running. */
    private static final Duration UNCONFIGURED_MAX = Duration.ofSeconds(8);

    private Duration max;
    private long next;
    private long maxMillis;

    public RetryAfterBackoff() {
        this(null);
    }

    RetryAfterBackoff(Duration max) {
        this.max = max;
    }

    @Override
    public void init(long initialDelayInMillis) {
        if (max == null) {
            max = configuredMax();
        }
        next = Math.max(1, initialDelayInMillis);
        maxMillis = Math.max(next, max.toMillis());
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long exponential = next;
        next = Math.min(maxMillis, next * 2);
        if (cause instanceof UpstreamException upstream && upstream.retryAfter().isPresent()) {
            // the caller refuses Retry-After values above aiart.providers.max-retry-after before this point
            return upstream.retryAfter().get().toMillis();
        }
        long half = exponential / 2;
        return half + ThreadLocalRandom.current().nextLong(exponential - half + 1);
    }

    private static Duration configuredMax() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return UNCONFIGURED_MAX;
        }
        return container.instance(ProvidersConfig.class).get().maxBackoff();
    }
}
