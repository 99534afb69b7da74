package ai.aiart.generation.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/**
 * Conditional and range requests on a result, which never changes once stored (RFC 9110,
 * sections 13 and 14): what {@code If-None-Match}, {@code If-Modified-Since}, {@code Range} and
 * {@code If-Range} ask of a file with this entity tag, time and length. Free of I/O, so each rule
 * is tested alone (docs/GENERATION.md, "Results").
 */
final class ResultRequests {

    /** An HTTP-date as it is sent (IMF-fixdate): {@code Sun, 06 Dec 2026 16:40:00 GMT}. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The bytes {@code first} to {@code last} (inclusive) of a file of {@code length} bytes. */
    record Range(long first, long last, long length) {

        long size() {
            return last - first + 1;
        }

        String contentRange() {
            return "bytes " + first + "-" + last + "/" + length;
        }
    }

    private ResultRequests() {
    }

    static String httpDate(Instant time) {
        return HTTP_DATE.format(time);
    }

    /**
     * Whether the client's copy is current, so the answer is 304 with no body: any of the
     * {@code If-None-Match} tags matches (weak comparison, or {@code *}); without that header,
     * {@code If-Modified-Since} is not before the last change (whole seconds, as dates are sent).
     * A date that cannot be read is ignored, as the RFC asks.
     */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || opaque(t).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && lastModified != null) {
            return parseDate(ifModifiedSince).map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since)).orElse(false);
        }
        return false;
    }

    /**
     * The part of the file to send: empty for the whole of it (no {@code Range}, one that is not
     * in bytes or not well formed, several ranges, or an {@code If-Range} that names another
     * version), else the one range asked for, its end held to the file's.
     *
     * @throws ProblemException 416 {@code range_not_satisfiable} when the range starts past the end
     */
    static Optional<Range> range(String range, String ifRange, String etag, Instant lastModified, long length) {
        if (range == null) {
            return Optional.empty();
        }
        String value = range.trim();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return Optional.empty();
        }
        String[] specs = value.substring(eq + 1).split(",");
        if (specs.length != 1) {
            // several ranges would need a multipart answer; the RFC lets a server send the whole instead
            return Optional.empty();
        }
        if (ifRange != null && !sameVersion(ifRange.trim(), etag, lastModified)) {
            return Optional.empty();
        }
        String spec = specs[0].trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (!digits(from) && !(from.isEmpty() && digits(to)) || !to.isEmpty() && !digits(to)) {
            return Optional.empty();
        }
        long first;
        long last;
        if (from.isEmpty()) {
            long suffix = number(to);
            if (suffix == 0 || length == 0) {
                throw unsatisfiable(length);
            }
            first = Math.max(0, length - suffix);
            last = length - 1;
        } else {
            first = number(from);
            last = to.isEmpty() ? length - 1 : Math.min(number(to), length - 1);
            if (!to.isEmpty() && number(to) < first) {
                return Optional.empty(); // not well formed: ignored
            }
            if (first >= length) {
                throw unsatisfiable(length);
            }
        }
        return Optional.of(new Range(first, last, length));
    }

    /** {@code If-Range}: a strong match of the entity tag, or exactly the last change's date. */
    private static boolean sameVersion(String ifRange, String etag, Instant lastModified) {
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(etag);
        }
        return lastModified != null && parseDate(ifRange).map(lastModified.truncatedTo(ChronoUnit.SECONDS)::equals).orElse(false);
    }

    private static ProblemException unsatisfiable(long length) {
        return new ProblemException(ErrorType.RANGE_NOT_SATISFIABLE, "The range asked for starts past the end of this "
                + length + "-byte file.", null, null, Map.of(), Map.of("Content-Range", "bytes */" + length));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String s) {
        return Long.parseLong(s);
    }
}
