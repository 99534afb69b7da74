package ai.aiart.provider.dashscope;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.canary.ModelCheck;

/**
 * DashScope's models are not checked. Model Studio documents no catalogue of its image and video
 * models, and the only listing seen ({@code /compatible-mode/v1/models}, reported by a third
 * party) held chat models only: an absence there says nothing. Any call that would make the
 * service look the model up is a generation request, which may cost. So the canary reports
 * DashScope as not checkable, and never marks it misconfigured (docs/PROVIDERS.md, "Model canary").
 */
@ApplicationScoped
public class DashScopeModelCheck implements ModelCheck {

    private final ProvidersConfig.Dashscope config;
    private final DashScopeProvider upstream;

    public DashScopeModelCheck(ProvidersConfig config, DashScopeProvider upstream) {
        this.upstream = upstream;
        this.config = config.dashscope();
    }

    @Override
    public DashScopeProvider upstream() {
        return upstream;
    }

    @Override
    public Map<JobKind, String> models() {
        return new EnumMap<>(Map.of(JobKind.TEXT_TO_IMAGE, config.textToImageModel(), JobKind.TEXT_TO_VIDEO, config.textToVideoModel(),
                JobKind.IMAGE_TO_VIDEO, config.imageToVideoModel()));
    }

    @Override
    public Result check(String model) {
        return new Result(Outcome.NOT_CHECKABLE, "DashScope offers no listing of its image and video models");
    }
}
