package ai.aiart.web;

import java.time.Instant;

import ai.aiart.core.ProblemException;

/**
 * Where a page of a newest-first list ends: the creation time and id of its last item, written
 * {@code <epoch millis>.<id>} in {@code ?before=} and {@code next_before}. Ties of the time are
 * broken by the id, so no item is skipped or shown twice.
 */
public record PageCursor(Instant createdAt, String id) {

    /** The cursor after an item, for {@code next_before}. */
    public static String after(Instant createdAt, String id) {
        return createdAt.toEpochMilli() + "." + id;
    }

    /** Reads {@code ?before=}; null when absent, 400 when it is not a cursor. */
    public static PageCursor parse(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        int dot = before.indexOf('.');
        try {
            if (dot > 0 && dot < before.length() - 1) {
                return new PageCursor(Instant.ofEpochMilli(Long.parseLong(before.substring(0, dot))), before.substring(dot + 1));
            }
        } catch (NumberFormatException e) {
            // falls through to the answer below
        }
        throw ProblemException.validation("'before' must be the next_before value of the previous page.");
    }

    /** Reads {@code ?limit=}: {@code fallback} when absent, 400 outside 1..{@code max}. */
    public static int limit(String limit, int fallback, int max) {
        if (limit == null || limit.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the answer below
        }
        throw ProblemException.validation("'limit' must be a whole number from 1 to " + max + ".");
    }
}
