package ai.aiart.provider.gemini;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.gemini.GeminiPayloads.Candidate;
import ai.aiart.provider.gemini.GeminiPayloads.Content;
import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentRequest;
import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentResponse;
import ai.aiart.provider.gemini.GeminiPayloads.GenerationConfig;
import ai.aiart.provider.gemini.GeminiPayloads.ImageConfig;
import ai.aiart.provider.gemini.GeminiPayloads.InlineData;
import ai.aiart.provider.gemini.GeminiPayloads.Part;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.upstream.Prompts;
import io.quarkus.logging.Log;

/**
 * Pictures from a Gemini image model on {@code :generateContent} (docs/PROVIDERS.md): the prompt alone
 * for text-to-image, the prompt and the upload inline for image-to-image. Imagen ({@code :predict})
 * was shut down on the Gemini API on 17 August 2026.
 */
final class GeminiImages {

    /** The aspect ratios every current Gemini image model accepts in {@code imageConfig.aspectRatio}. */
    static final List<String> RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9");
    /**
     * Block and finish reasons that mean Google's moderation refused the content. Others
     * ({@code NO_IMAGE}, {@code IMAGE_OTHER}, {@code OTHER}, {@code RECITATION}, {@code MAX_TOKENS} …)
     * and a text-only answer are plain failures: another provider may well draw the picture.
     */
    static final Set<String> REFUSALS = Set.of("SAFETY", "PROHIBITED_CONTENT", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
            "BLOCKLIST", "SPII");

    private final GeminiCalls calls;
    private final DecodeBudget decodes;
    private final ProvidersConfig.Gemini config;

    GeminiImages(GeminiCalls calls, ProvidersConfig.Gemini config, DecodeBudget decodes) {
        this.calls = calls;
        this.decodes = decodes;
        this.config = config;
    }

    /** Text-to-image: one picture of the prompt, at the nearest ratio the model accepts. */
    GeneratedMedia fromText(GenerationRequest request) {
        List<Part> parts = List.of(new Part(Prompts.styled(request.prompt(), request.style()), null));
        return generate(request, config.imageModel(), parts);
    }

    /** Image-to-image: the prompt applied to the upload, sent inline. */
    GeneratedMedia fromPicture(GenerationRequest request) {
        List<Part> parts = List.of(new Part(Prompts.styled(request.prompt(), request.style()), null),
                new Part(null, new InlineData(request.input().contentType(), Prompts.base64(request.input()))));
        return generate(request, config.editModel(), parts);
    }

    private GeneratedMedia generate(GenerationRequest request, String model, List<Part> parts) {
        JobKind kind = request.kind();
        GenerateContentRequest body = new GenerateContentRequest(List.of(new Content("user", parts)),
                new GenerationConfig(List.of("TEXT", "IMAGE"),
                        new ImageConfig(Prompts.nearestRatio(request.aspectRatio(), RATIOS))));
        GenerateContentResponse answer = calls.call(kind, () -> calls.client().generateContent(calls.apiKey(), model, body));
        List<Candidate> candidates = answer == null || answer.candidates() == null ? List.of() : answer.candidates();
        Optional<InlineData> image = candidates.stream()
                .flatMap(c -> c.content() == null || c.content().parts() == null ? Stream.empty()
                        : c.content().parts().stream())
                .map(Part::inlineData).filter(Objects::nonNull).filter(d -> d.data() != null).findFirst();
        if (image.isPresent()) {
            return picture(kind, image.get().data());
        }
        String blocked = answer == null || answer.promptFeedback() == null ? null : answer.promptFeedback().blockReason();
        List<String> finishes = candidates.stream().map(Candidate::finishReason).filter(Objects::nonNull).toList();
        if (refused(blocked, finishes)) {
            Log.infof("Gemini refused the picture (block %s, finish %s)", blocked, finishes);
            throw Failures.refused(kind);
        }
        // the model may answer with text alone, e.g. to an ambiguous prompt: not a moderation decision
        Log.warnf("Gemini answered without a picture (finish %s)", finishes);
        throw Failures.failed(kind);
    }

    /** Whether Google's answer is a moderation refusal: a blocked prompt or a safety finish reason. */
    static boolean refused(String blockReason, List<String> finishReasons) {
        return blockReason != null || finishReasons.stream().anyMatch(REFUSALS::contains);
    }

    private GeneratedMedia picture(JobKind kind, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            Log.warn("Gemini sent a picture that is not base64");
            throw Failures.failed(kind);
        }
        Path file = MediaFiles.write(bytes, ".img");
        String type = MediaProbe.contentType(file);
        int[] size = MediaProbe.imageSize(file, decodes);
        if (type == null || size == null) {
            MediaFiles.deleteQuietly(file);
            Log.warn("Gemini sent a picture that cannot be read");
            throw Failures.failed(kind);
        }
        return new GeneratedMedia(type, size[0], size[1], null, file);
    }
}
