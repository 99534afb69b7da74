package ai.aiart.provider.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1000));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A protobuf-JSON duration such as {@code "23s"} or {@code "1.5s"} (Google's RetryInfo.retryDelay). */
    public static Optional<Duration> parseProtoDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(value.substring(0, value.length() - 1));
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
