package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;
import ai.aiart.core.ProblemException;

/**
 * The checks that replaced Bean Validation keep its meaning: {@code @NotBlank} is {@link String#isBlank()},
 * {@code @Size} counts UTF-16 chars, {@code @Pattern} matches the whole value, {@code @Min}/{@code @Max} are
 * inclusive, and every check but the presence ones lets null pass. One problem lists every failure by field.
 */
class ViolationsTest {

    private static final Pattern TYPES = Pattern.compile("page_view|click");

    @Test
    void nullPassesEveryCheckOfFormOrRange() {
        new Violations()
                .maxLength("a", null, 0, "m")
                .matches("b", null, TYPES, "m")
                .atLeast("c", null, 1, "m")
                .atMost("d", null, -1, "m")
                .between("e", null, 1, 8, "m")
                .throwIfAny();
    }

    @Test
    void presenceChecks() {
        assertEquals(List.of(error("a", "missing")), errors(new Violations().notNull("a", null, "missing")));
        new Violations().notNull("a", "", "missing").throwIfAny();
        for (String blank : new String[] {null, "", " \n\t ", "\u2003"}) { // an em space is whitespace, as for @NotBlank
            assertEquals(List.of(error("p", "empty")), errors(new Violations().notBlank("p", blank, "empty")), "'" + blank + "'");
        }
        new Violations().notBlank("p", "\u00A0", "empty").throwIfAny(); // a no-break space is not (Character.isWhitespace)
        new Violations().notBlank("p", " a ", "empty").throwIfAny();
    }

    @Test
    void lengthsAreUtf16CharsAndInclusive() {
        new Violations().maxLength("page", "x".repeat(200), 200, "long").throwIfAny();
        assertEquals(List.of(error("page", "long")), errors(new Violations().maxLength("page", "x".repeat(201), 200, "long")));
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        new Violations().maxLength("page", emoji.repeat(100), 200, "long").throwIfAny();
        assertEquals(List.of(error("page", "long")), errors(new Violations().maxLength("page", emoji.repeat(100) + "x", 200, "long")));
    }

    @Test
    void aPatternMatchesTheWholeValue() {
        new Violations().matches("type", "click", TYPES, "bad").throwIfAny();
        for (String value : new String[] {"", "clicks", "a click", "click\n", "Click"}) {
            assertEquals(List.of(error("type", "bad")), errors(new Violations().matches("type", value, TYPES, "bad")), value);
        }
    }

    @Test
    void boundsAreInclusiveForIntegersAndLongs() {
        new Violations().between("seed", 0L, 0, 4294967294L, "seed").between("seed", 4294967294L, 0, 4294967294L, "seed")
                .between("d", 1, 1, 8, "d").between("d", 8, 1, 8, "d").throwIfAny();
        assertEquals(List.of(error("seed", "seed")), errors(new Violations().between("seed", -1L, 0, 4294967294L, "seed")));
        assertEquals(List.of(error("seed", "seed")), errors(new Violations().between("seed", 4294967295L, 0, 4294967294L, "seed")));
        assertEquals(List.of(error("seed", "seed")), errors(new Violations().between("seed", Long.MIN_VALUE, 0, 4294967294L, "seed")));
        assertEquals(List.of(error("n", "low")), errors(new Violations().atLeast("n", Integer.MIN_VALUE, 1, "low").atMost("n", Integer.MIN_VALUE, 10, "high")));
        assertEquals(List.of(error("n", "high")), errors(new Violations().atLeast("n", 11, 1, "low").atMost("n", 11, 10, "high")));
    }

    @Test
    void oneProblemListsEveryFailureSortedByFieldAndSaysTheFirst() {
        ProblemException problem = assertThrows(ProblemException.class, () -> new Violations()
                .notBlank("prompt", "", "no prompt")
                .between("seed", -1L, 0, 10, "bad seed")
                .matches("aspectRatio", "7:5", Pattern.compile("1:1"), "bad ratio")
                .between("durationSeconds", 9, 1, 8, "bad duration")
                .throwIfAny());
        assertEquals(ErrorType.VALIDATION, problem.errorType());
        Problem answer = problem.toProblem();
        assertEquals(400, answer.status());
        assertEquals("bad ratio", answer.message());
        assertEquals(Map.of("errors", List.of(error("aspectRatio", "bad ratio"), error("durationSeconds", "bad duration"),
                error("prompt", "no prompt"), error("seed", "bad seed"))), answer.extensions());
    }

    @Test
    void aMissingBodyIsAFailureOfTheParameter() {
        Object body = new Object();
        assertSame(body, Violations.requireBody(body, "request", "Send a body."));
        ProblemException problem = assertThrows(ProblemException.class, () -> Violations.requireBody(null, "request", "Send a body."));
        assertEquals("Send a body.", problem.getMessage());
        assertEquals(Map.of("errors", List.of(error("request", "Send a body."))), problem.toProblem().extensions());
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(Violations checks) {
        ProblemException problem = assertThrows(ProblemException.class, checks::throwIfAny);
        return (List<Map<String, String>>) problem.toProblem().extensions().get("errors");
    }
}
