package ai.aiart.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/**
 * The checks of a request body's fields, written out instead of Bean Validation annotations (whose
 * bootstrap was the largest single step of a backend's start). Every failed check is collected, then
 * {@link #throwIfAny()} ends the request with one 400 {@code validation} problem: {@code message} is
 * the first failure by field name, {@code errors} lists every {@code {field, message}} sorted by field.
 * As with the annotations, a check of a value's form or range lets a missing (null) value pass;
 * only {@link #notNull} and {@link #notBlank} ask for one.
 */
public final class Violations {

    private record Violation(String field, String message) {
    }

    private final List<Violation> found = new ArrayList<>();

    /**
     * The body itself: no body, or JSON {@code null}, is answered as a failure of the parameter
     * {@code parameter}, the field name callers have always seen for it.
     */
    public static <T> T requireBody(T body, String parameter, String message) {
        if (body == null) {
            new Violations().fail(parameter, message).throwIfAny();
        }
        return body;
    }

    public Violations notNull(String field, Object value, String message) {
        return value == null ? fail(field, message) : this;
    }

    /** Present and not only whitespace ({@link String#isBlank()}). */
    public Violations notBlank(String field, String value, String message) {
        return value == null || value.isBlank() ? fail(field, message) : this;
    }

    /** At most {@code max} chars (UTF-16 units, as {@link String#length()} counts them). */
    public Violations maxLength(String field, String value, int max, String message) {
        return value != null && value.length() > max ? fail(field, message) : this;
    }

    /** The whole value matches {@code pattern}. */
    public Violations matches(String field, String value, Pattern pattern, String message) {
        return value != null && !pattern.matcher(value).matches() ? fail(field, message) : this;
    }

    /** A whole number (an Integer or a Long) of at least {@code min}. */
    public Violations atLeast(String field, Number value, long min, String message) {
        return value != null && value.longValue() < min ? fail(field, message) : this;
    }

    /** A whole number (an Integer or a Long) of at most {@code max}. */
    public Violations atMost(String field, Number value, long max, String message) {
        return value != null && value.longValue() > max ? fail(field, message) : this;
    }

    /** A whole number (an Integer or a Long) from {@code min} to {@code max}, one message for both ends. */
    public Violations between(String field, Number value, long min, long max, String message) {
        return atLeast(field, value, min, message).atMost(field, value, max, message);
    }

    /** Ends the request with the problem answer when any check failed. */
    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<Violation> sorted = found.stream().sorted(Comparator.comparing(Violation::field)).toList();
        List<Map<String, String>> errors = sorted.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList();
        throw new ProblemException(ErrorType.VALIDATION, sorted.get(0).message(), null, null, Map.of("errors", errors));
    }

    private Violations fail(String field, String message) {
        found.add(new Violation(field, message));
        return this;
    }
}
