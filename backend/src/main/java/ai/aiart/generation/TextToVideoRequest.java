package ai.aiart.generation;

/** Body of {@code POST /api/v1/generate/text-to-video}, as sent; {@link SubmissionRules#textToVideo} checks it. */
public record TextToVideoRequest(String prompt, String negativePrompt, String aspectRatio, Integer durationSeconds,
        String style, Long seed) {
}
