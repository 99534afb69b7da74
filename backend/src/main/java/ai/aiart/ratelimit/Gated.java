package ai.aiart.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which of {@link RequestGates}' checks a resource class or method passes through. The gate is
 * found from the resource the request was matched to, never from its path: a path can be spelt
 * many ways that route to the same method ({@code /api/v1/%6Aobs/…}, dot segments, doubled
 * slashes), and a {@code HEAD} runs its {@code GET} method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Gated {

    Gate value();

    enum Gate {
        /** A generation request: a blocked identity is refused before its body is read. */
        GENERATION,
        /** A read of a job (status, live status, result): the per-IP polling limit. */
        POLLING,
        /** A page beacon: the per-IP beacon limit. */
        BEACONS
    }
}
