package ai.aiart.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;

/**
 * The time source of the application; tests replace it to move time. The fault suite runs
 * backends with {@code aiart.testing.clock-offset} to give two processes clocks that disagree
 * (docs/RELIABILITY.md, "Clocks"); nothing else should set it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(AiartConfig config) {
        Duration offset = config.clockOffset().orElse(Duration.ZERO);
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        Log.warnf("aiart.testing.clock-offset=%s: this instance's clock is skewed on purpose (fault tests only)", offset);
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
