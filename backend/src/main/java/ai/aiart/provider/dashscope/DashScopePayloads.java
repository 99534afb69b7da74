package ai.aiart.provider.dashscope;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * DashScope's JSON, snake_case on the wire (docs/PROVIDERS.md): Wan's asynchronous tasks
 * ({@code input.prompt} in, {@code output.results[].url} out) and Qwen-Image's synchronous
 * multimodal generation ({@code input.messages[0].content[0].text} in,
 * {@code output.choices[0].message.content[].image} out).
 */
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

    /** @param width the width of the picture made (Qwen-Image); @param height its height */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Usage(Integer imageCount, Double videoDuration, Integer width, Integer height) {
    }

    /** POST body of multimodal-generation/generation (Qwen-Image text-to-image). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MultimodalRequest(String model, Messages input, QwenImageParameters parameters) {
    }

    /** Exactly one message, from the user, holding exactly one text: the prompt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Messages(List<Message> messages) {

        static Messages prompt(String text) {
            return new Messages(List.of(new Message("user", List.of(new Content(text, null)))));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, List<Content> content) {
    }

    /** A part of a message: the prompt's {@code text} in a request, the picture's {@code image} URL in an answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String text, String image) {
    }

    /**
     * @param size "1664*928"; fixed sizes for qwen-image, -plus and -max, free within a pixel budget for qwen-image-2.0
     * @param promptExtend whether DashScope rewrites the prompt before drawing (its default is true)
     * @param watermark a "Qwen-Image" mark in the corner (its default is false)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QwenImageParameters(String negativePrompt, String size, int n, boolean promptExtend, boolean watermark, Long seed) {
    }

    /** The answer of multimodal-generation; an error carries code and message instead of output. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MultimodalAnswer(String requestId, MultimodalOutput output, Usage usage, String code, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MultimodalOutput(List<Choice> choices) {
    }

    /** @param finishReason "stop" when the picture was made */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Choice(String finishReason, Message message) {
    }
}
