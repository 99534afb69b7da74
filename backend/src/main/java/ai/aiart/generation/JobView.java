package ai.aiart.generation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.aiart.core.JobKind;

/** A job as the API shows it (docs/GENERATION.md). */
public record JobView(
        String id,
        JobKind kind,
        JobStatus status,
        Long position,
        Long etaSeconds,
        Double progress,
        String tier,
        String provider,
        /** True when the result was reused from an identical earlier request (same explicit seed). */
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean cached,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        ErrorView error,
        ResultView result,
        Links links,
        /** The prompt, shown only to the job's owner (their history, GET /user/jobs); absent elsewhere. */
        @JsonInclude(JsonInclude.Include.NON_NULL) String prompt,
        /** When an {@code expired} job's result was removed to make room; absent otherwise. */
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiredAt,
        /**
         * A queued job in the deferred lane (its caller was over the allowance): not started before
         * this (docs/FAIR_USE.md, "Soft throttling"); absent otherwise.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deferredUntil) {

    /** This view with the prompt (for the job's owner only). */
    public JobView withPrompt(String text) {
        return new JobView(id, kind, status, position, etaSeconds, progress, tier, provider, cached, createdAt,
                startedAt, completedAt, error, result, links, text, expiredAt, deferredUntil);
    }

    public record ErrorView(String code, String message) {
    }

    /**
     * @param adjustments what was changed in the request to fit the provider's limits
     *                    (docs/GENERATION.md); absent when nothing was
     */
    public record ResultView(String contentType, int width, int height, Double durationSeconds, String provider, String url,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<AdjustmentView> adjustments) {
    }

    /** {@code image}: "WxH format bytes"; {@code prompt}, {@code negative_prompt}: lengths in characters. */
    public record AdjustmentView(String provider, String what, String from, String to) {
    }

    public record Links(String self, String events, String cancel, String result) {
    }
}
