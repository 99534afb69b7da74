package ai.aiart.provider.stability;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.canary.ModelCheck;

/**
 * Stability's models are not checked. Its Stable Image "models" are path segments of
 * {@code /v2beta/stable-image/generate/} (core, ultra, sd3 with a {@code model} field) that no
 * listing covers: {@code /v1/engines/list} lists the old v1 engines only, and
 * {@code /v1/user/balance} says whether the key works, not whether a model exists. So the
 * canary reports Stability as not checkable and never marks it misconfigured (docs/PROVIDERS.md,
 * "Model canary"); a key that stops working shows as failed calls and an open breaker.
 */
@ApplicationScoped
public class StabilityModelCheck implements ModelCheck {

    private final ProvidersConfig.Stability config;
    private final StabilityProvider upstream;

    public StabilityModelCheck(ProvidersConfig config, StabilityProvider upstream) {
        this.upstream = upstream;
        this.config = config.stability();
    }

    @Override
    public StabilityProvider upstream() {
        return upstream;
    }

    @Override
    public Map<JobKind, String> models() {
        return new EnumMap<>(Map.of(JobKind.TEXT_TO_IMAGE, config.textToImageEndpoint(),
                JobKind.IMAGE_TO_IMAGE, config.imageToImageEndpoint() + " " + config.sd3Model()));
    }

    @Override
    public Result check(String model) {
        return new Result(Outcome.NOT_CHECKABLE, "Stability lists no Stable Image models");
    }
}
