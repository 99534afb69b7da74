package ai.aiart.provider.upstream;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import io.quarkus.logging.Log;

/**
 * The one fallback of every guarded provider call ({@link UpstreamGuards}): what the provider could
 * not map itself — the guard's own timeout, open circuit or full bulkhead, an interruption, a bug —
 * becomes a {@link ai.aiart.provider.ProviderException} with a message for visitors
 * ({@link Failures#forGuard}), logged at WARN. Declared with {@code skipOn = ProviderException.class},
 * so what the provider already mapped passes untouched.
 */
public class GuardFallback implements FallbackHandler<GeneratedMedia> {

    @Override
    public GeneratedMedia handle(ExecutionContext context) {
        GenerationRequest request = (GenerationRequest) context.getParameters()[0];
        Log.warnf("%s could not serve job %s: %s", context.getMethod().getDeclaringClass().getSimpleName(), request.jobId(),
                String.valueOf(context.getFailure()));
        throw Failures.forGuard(request.kind(), context.getFailure());
    }
}
