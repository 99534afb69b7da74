package ai.aiart.reliability;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Records the outcome of every {@link ReliabilityCase} test method in {@link ReliabilityLog}. */
public class ReliabilityWatcher implements TestWatcher {

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, cause);
    }

    private static void record(ExtensionContext context, Throwable failure) {
        Optional<Method> method = context.getTestMethod();
        ReliabilityCase onMethod = method.map(m -> m.getAnnotation(ReliabilityCase.class)).orElse(null);
        if (onMethod == null) {
            return;
        }
        ReliabilityCase onClass = context.getRequiredTestClass().getAnnotation(ReliabilityCase.class);
        String suite = !onMethod.suite().isEmpty() ? onMethod.suite() : onClass == null ? "faults" : onClass.suite();
        String group = !onMethod.group().isEmpty() ? onMethod.group() : onClass == null ? "" : onClass.group();
        String name = onMethod.name().isEmpty() ? method.get().getName() : onMethod.name();
        ReliabilityLog.record(suite, group, name, onMethod.expected(), onMethod.count(), failure);
    }
}
