package ai.aiart.provider.dashscope;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** DashScope's JSON, snake_case on the wire (docs/PROVIDERS.md). */
final class DashScopePayloads {

    private DashScopePayloads() {
    }

    /** POST body of image-synthesis and video-synthesis. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SynthesisRequest(String model, Input input, Object parameters) {
    }

    /** @param imgUrl image-to-video: the first frame, as an https URL or a data URI */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Input(String prompt, String negativePrompt, String imgUrl) {
    }

    /** @param size "1024*1024" */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImageParameters(String size, int n, Long seed) {
    }

    /** @param size text-to-video "1280*720"; @param resolution image-to-video "480P" */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoParameters(String size, String resolution, Integer duration, Long seed) {
    }

    /** The answer of a submission and of {@code GET /api/v1/tasks/{id}}; errors carry code and message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TaskAnswer(String requestId, Output output, Usage usage, String code, String message) {
    }

    /** @param taskStatus PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED or UNKNOWN */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Output(String taskId, String taskStatus, List<Result> results, String videoUrl, String code, String message) {
    }

    /** One picture of a finished image task; a filtered one has a code instead of a url. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Result(String url, String code, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Usage(Integer imageCount, Double videoDuration) {
    }
}
