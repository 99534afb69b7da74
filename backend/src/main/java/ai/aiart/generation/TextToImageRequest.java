package ai.aiart.generation;

/** Body of {@code POST /api/v1/generate/text-to-image}, as sent; {@link SubmissionRules#textToImage} checks it. */
public record TextToImageRequest(String prompt, String negativePrompt, String aspectRatio, String style, Long seed) {
}
