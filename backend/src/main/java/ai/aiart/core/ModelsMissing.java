package ai.aiart.core;

import java.util.List;

/**
 * What the model canary found ({@code provider/canary/ModelCanary}, docs/PROVIDERS.md, "Model
 * canary"), fired synchronously when it changed (and once after start-up): the configured models
 * missing upstream, one sentence each, none when every checkable model exists. Monitoring opens or
 * resolves its {@code models} alert from it; an observer that fails (the store is away) fails the
 * firing, and the canary tells it again on its next run.
 *
 * @param reasons one sentence per missing model, e.g. "gemini: text-to-image model x does not exist upstream …"
 */
public record ModelsMissing(List<String> reasons) {

    public ModelsMissing {
        reasons = List.copyOf(reasons);
    }
}
