package ai.aiart.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The Gemini API's JSON (docs/PROVIDERS.md): lowerCamelCase on the wire, whatever the
 * application's own naming; answers may also use snake_case ({@code inline_data}).
 */
final class GeminiPayloads {

    private GeminiPayloads() {
    }

    // Gemini: POST /v1beta/models/{model}:generateContent

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GenerateContentRequest(List<Content> contents, GenerationConfig generationConfig) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Content(String role, List<Part> parts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Part(String text, @JsonAlias("inline_data") InlineData inlineData) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record InlineData(@JsonAlias("mime_type") String mimeType, String data) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GenerationConfig(List<String> responseModalities, ImageConfig imageConfig) {
    }

    /** @param aspectRatio one the image models accept ({@code GeminiImages.RATIOS}); the size stays the model's default (1K) */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ImageConfig(String aspectRatio) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GenerateContentResponse(List<Candidate> candidates, @JsonAlias("prompt_feedback") PromptFeedback promptFeedback) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Candidate(Content content, @JsonAlias("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PromptFeedback(@JsonAlias("block_reason") String blockReason) {
    }

    // Veo: POST /v1beta/models/{model}:predictLongRunning, then GET /v1beta/{operation name}

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record VideoRequest(List<VideoInstance> instances, VideoParameters parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record VideoInstance(String prompt, Picture image) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Picture(String bytesBase64Encoded, String mimeType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record VideoParameters(String aspectRatio, Integer durationSeconds, String negativePrompt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Operation(String name, boolean done, OperationResponse response, Status error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record OperationResponse(@JsonAlias("generate_video_response") VideoResponse generateVideoResponse) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record VideoResponse(@JsonAlias("generated_samples") List<Sample> generatedSamples,
            @JsonAlias("rai_media_filtered_count") Integer raiMediaFilteredCount,
            @JsonAlias("rai_media_filtered_reasons") List<String> raiMediaFilteredReasons) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sample(Video video) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Video(String uri) {
    }

    // errors: {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[…]}}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Status error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(Integer code, String message, String status, List<Detail> details) {
    }

    /** @param retryDelay google.rpc.RetryInfo, e.g. "23s"; @param reason google.rpc.ErrorInfo, e.g. API_KEY_INVALID */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Detail(@JsonProperty("@type") String type, @JsonAlias("retry_delay") String retryDelay, String reason) {
    }
}
