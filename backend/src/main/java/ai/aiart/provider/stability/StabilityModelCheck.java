package ai.aiart.provider.stability;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.JobKind;
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

    public StabilityModelCheck(AiartConfig config) {
        this.config = config.providers().stability();
    }

    @Override
    public String provider() {
        return StabilityProvider.NAME;
    }

    @Override
    public boolean configured() {
        return config.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public Map<JobKind, String> models() {
        Map<JobKind, String> models = new EnumMap<>(JobKind.class);
        models.put(JobKind.TEXT_TO_IMAGE, config.textToImageEndpoint());
        models.put(JobKind.IMAGE_TO_IMAGE, config.imageToImageEndpoint() + " " + config.sd3Model());
        return models;
    }

    @Override
    public Result check(String model) {
        return new Result(Outcome.NOT_CHECKABLE, "Stability lists no Stable Image models");
    }
}
