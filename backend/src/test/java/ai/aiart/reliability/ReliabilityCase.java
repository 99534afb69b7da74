package ai.aiart.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a test method as a case of a reliability suite; {@link ReliabilityWatcher} records its
 * outcome in {@link ReliabilityLog}. On a class, it gives the suite and group of all its methods.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReliabilityCase {

    String suite() default "";

    String group() default "";

    /** The case as the table shows it; the method's name when empty. */
    String name() default "";

    /** What must happen. */
    String expected() default "";

    /** How many requests or iterations the case makes. */
    int count() default 1;
}
