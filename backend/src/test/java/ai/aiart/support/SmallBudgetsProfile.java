package ai.aiart.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Small store budgets, no workers or schedules (each test moves its jobs and runs the budget check
 * itself): 100 KiB of results (ResultsBudgetTest: ten results of 20 KiB are twice that), 600 KiB of
 * uploads and two uploads a visitor, visitors told apart by X-Forwarded-For (UploadLifecycleTest);
 * AttemptFilesTest moves its jobs through their attempts itself; operator endpoints as in production
 * but with no internal key (OperatorEndpointsWithoutKeyTest; none of the others asks for one).
 * One profile, so one application start for the four; each empties the bucket it measures before each test.
 */
public class SmallBudgetsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return NoSchedules.with(Map.of(
                "aiart.store.results-budget", "100K",
                "aiart.store.uploads-budget", "600K",
                "aiart.uploads.max-per-visitor", "2",
                "aiart.trusted-proxies", "1",
                // production's operator switch with no internal key (OperatorEndpointsWithoutKeyTest);
                // blank, not absent: a key set by another profile or the environment must not apply here
                "aiart.auth.operator-endpoints", "internal",
                "aiart.internal-api-key", " "));
    }
}
