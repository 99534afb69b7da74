package ai.aiart.generation.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;

/** The rules of conditional and range requests on a result (RFC 9110), one by one. */
class ResultRequestsTest {

    private static final String TAG = "\"result.1\"";
    private static final Instant CHANGED = Instant.parse("2026-12-06T16:40:00.750Z");
    private static final String CHANGED_DATE = "Sun, 06 Dec 2026 16:40:00 GMT";

    @Test
    void datesAreSentAsIMFFixdate() {
        assertEquals(CHANGED_DATE, ResultRequests.httpDate(CHANGED));
        assertEquals("Mon, 01 Feb 2027 09:05:03 GMT", ResultRequests.httpDate(Instant.parse("2027-02-01T09:05:03Z")));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndTakesPrecedence() {
        assertTrue(ResultRequests.notModified(TAG, null, TAG, CHANGED));
        assertTrue(ResultRequests.notModified("W/" + TAG, null, TAG, CHANGED));
        assertTrue(ResultRequests.notModified("\"a\", " + TAG, null, TAG, CHANGED));
        assertTrue(ResultRequests.notModified("*", null, TAG, CHANGED));
        assertFalse(ResultRequests.notModified("\"a\"", null, TAG, CHANGED));
        // a date that would match is not looked at when the tags do not
        assertFalse(ResultRequests.notModified("\"a\"", CHANGED_DATE, TAG, CHANGED));
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        assertTrue(ResultRequests.notModified(null, CHANGED_DATE, TAG, CHANGED), "the same second");
        assertTrue(ResultRequests.notModified(null, "Mon, 07 Dec 2026 00:00:00 GMT", TAG, CHANGED));
        assertFalse(ResultRequests.notModified(null, "Sun, 06 Dec 2026 16:39:59 GMT", TAG, CHANGED));
        assertFalse(ResultRequests.notModified(null, "yesterday", TAG, CHANGED), "an unreadable date is ignored");
        assertFalse(ResultRequests.notModified(null, null, TAG, CHANGED));
    }

    @Test
    void oneRangeInBytes() {
        assertEquals(Optional.of(new ResultRequests.Range(0, 99, 1000)), range("bytes=0-99", null));
        assertEquals(Optional.of(new ResultRequests.Range(900, 999, 1000)), range("bytes=900-", null));
        assertEquals(Optional.of(new ResultRequests.Range(900, 999, 1000)), range("bytes=900-5000", null));
        assertEquals(Optional.of(new ResultRequests.Range(800, 999, 1000)), range("bytes=-200", null));
        assertEquals(Optional.of(new ResultRequests.Range(0, 999, 1000)), range("bytes=-5000", null));
        assertEquals(Optional.of(new ResultRequests.Range(5, 5, 1000)), range("Bytes = 5-5", null));
        assertEquals("bytes 900-999/1000", range("bytes=900-", null).orElseThrow().contentRange());
        assertEquals(100, range("bytes=900-", null).orElseThrow().size());
    }

    @Test
    void whatIsNotOneWellFormedByteRangeGetsTheWholeFile() {
        for (String ignored : new String[] {"bytes=0-9,20-29", "lines=0-9", "bytes=9-0", "bytes=a-b", "bytes=-", "bytes",
            "bytes=--5", "bytes=1-2-3", "bytes=99999999999999999999-"}) {
            assertEquals(Optional.empty(), range(ignored, null), ignored);
        }
        assertEquals(Optional.empty(), range(null, null));
    }

    @Test
    void ifRangeNamesTheVersionTheRangeIsOf() {
        assertTrue(range("bytes=0-9", TAG).isPresent());
        assertTrue(range("bytes=0-9", CHANGED_DATE).isPresent());
        assertFalse(range("bytes=0-9", "\"another\"").isPresent());
        assertFalse(range("bytes=0-9", "W/" + TAG).isPresent(), "If-Range compares strongly");
        assertFalse(range("bytes=0-9", "Sun, 06 Dec 2026 16:40:01 GMT").isPresent());
    }

    @Test
    void aRangePastTheEndIs416() {
        for (String beyond : new String[] {"bytes=1000-", "bytes=1000-2000", "bytes=-0"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> range(beyond, null), beyond);
            assertEquals(ErrorType.RANGE_NOT_SATISFIABLE, e.errorType());
            assertEquals("bytes */1000", e.headers().get("Content-Range"));
        }
        assertThrows(ProblemException.class, () -> ResultRequests.range("bytes=0-", null, TAG, CHANGED, 0), "an empty file");
    }

    private static Optional<ResultRequests.Range> range(String range, String ifRange) {
        return ResultRequests.range(range, ifRange, TAG, CHANGED, 1000);
    }
}
