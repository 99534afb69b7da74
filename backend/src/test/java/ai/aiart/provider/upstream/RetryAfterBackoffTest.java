package ai.aiart.provider.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aiart.core.JobKind;

class RetryAfterBackoffTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(in30s, NOW));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(past, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parseProtoDuration("1.5s"));
    }

    @Test
    void withoutRetryAfterThePauseDoublesWithJitterUpToTheMaximum() {
        for (int run = 0; run < 50; run++) {
            RetryAfterBackoff backoff = new RetryAfterBackoff(Duration.ofMillis(1000));
            backoff.init(100);
            long[][] bounds = {{50, 100}, {100, 200}, {200, 400}, {400, 800}, {500, 1000}, {500, 1000}};
            for (long[] bound : bounds) {
                long delay = backoff.nextDelayInMillis(Failures.troubled(JobKind.TEXT_TO_IMAGE, 503, null));
                assertTrue(delay >= bound[0] && delay <= bound[1], delay + " not in " + bound[0] + ".." + bound[1]);
            }
        }
    }

    @Test
    void retryAfterIsWaitedOutExactly() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(Duration.ofMillis(1000));
        backoff.init(100);

        assertEquals(3000, backoff.nextDelayInMillis(Failures.busy(JobKind.TEXT_TO_IMAGE, 429, Duration.ofSeconds(3))));
    }

    @Test
    void aRetryAfterLongerThanWeWaitSendsTheJobOnInsteadOfRetrying() {
        Duration max = Duration.ofSeconds(20);

        assertTrue(Failures.forStatus(JobKind.TEXT_TO_IMAGE, 429, Optional.of(Duration.ofSeconds(5)), max)
                instanceof UpstreamException);
        assertTrue(!(Failures.forStatus(JobKind.TEXT_TO_IMAGE, 429, Optional.of(Duration.ofSeconds(60)), max)
                instanceof UpstreamException));
        assertTrue(Failures.forStatus(JobKind.TEXT_TO_IMAGE, 400, Optional.empty(), max) instanceof RejectedRequestException);
        assertEquals("provider_unavailable", Failures.forStatus(JobKind.TEXT_TO_VIDEO, 401, Optional.empty(), max).code());
    }
}
