package ai.aiart.provider.gemini;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import ai.aiart.generation.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.gemini.GeminiPayloads.Candidate;
import ai.aiart.provider.gemini.GeminiPayloads.Content;
import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentRequest;
import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentResponse;
import ai.aiart.provider.gemini.GeminiPayloads.GenerationConfig;
import ai.aiart.provider.gemini.GeminiPayloads.ImageParameters;
import ai.aiart.provider.gemini.GeminiPayloads.InlineData;
import ai.aiart.provider.gemini.GeminiPayloads.Part;
import ai.aiart.provider.gemini.GeminiPayloads.Prediction;
import ai.aiart.provider.gemini.GeminiPayloads.PredictRequest;
import ai.aiart.provider.gemini.GeminiPayloads.PredictResponse;
import ai.aiart.provider.gemini.GeminiPayloads.PromptInstance;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.provider.upstream.MediaProbe;
import ai.aiart.provider.upstream.Prompts;
import io.quarkus.logging.Log;

/** Pictures from the Gemini API: Imagen for text-to-image, a Gemini image model for image-to-image. */
final class GeminiImages {

    private static final List<String> IMAGEN_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4");
    /** Finish and block reasons that mean the content was refused. */
    private static final Set<String> REFUSALS = Set.of("SAFETY", "PROHIBITED_CONTENT", "IMAGE_SAFETY", "BLOCKLIST", "SPII",
            "RECITATION", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private final GeminiCalls calls;
    private final DecodeBudget decodes;
    private final ProvidersConfig.Gemini config;

    GeminiImages(GeminiCalls calls, ProvidersConfig.Gemini config, DecodeBudget decodes) {
        this.calls = calls;
        this.decodes = decodes;
        this.config = config;
    }

    /** Imagen {@code :predict}: one picture of the prompt. */
    GeneratedMedia fromText(GenerationRequest request) {
        JobKind kind = request.kind();
        PredictRequest body = new PredictRequest(List.of(new PromptInstance(Prompts.styled(request.prompt(), request.style()))),
                new ImageParameters(1, Prompts.nearestRatio(request.aspectRatio(), IMAGEN_RATIOS), true));
        PredictResponse answer = calls.call(kind, false,
                () -> calls.client().predict(calls.apiKey(), config.imageModel(), body));
        List<Prediction> predictions = answer == null || answer.predictions() == null ? List.of() : answer.predictions();
        Optional<Prediction> picture = predictions.stream().filter(p -> p.bytesBase64Encoded() != null).findFirst();
        if (picture.isPresent()) {
            return picture(kind, picture.get().bytesBase64Encoded());
        }
        if (predictions.stream().anyMatch(p -> p.raiFilteredReason() != null)) {
            Log.infof("Imagen filtered the picture: %s", predictions.get(0).raiFilteredReason());
            throw Failures.refused(kind);
        }
        Log.warn("Imagen answered without a picture");
        throw Failures.failed(kind);
    }

    /** Gemini {@code :generateContent} with the upload: the prompt applied to the picture. */
    GeneratedMedia fromPicture(GenerationRequest request) {
        JobKind kind = request.kind();
        String prompt = Prompts.styled(request.prompt(), request.style());
        List<Part> parts = List.of(new Part(prompt.isBlank() ? "Reimagine this picture." : prompt, null),
                new Part(null, new InlineData(request.input().contentType(), Prompts.base64(request.input()))));
        GenerateContentRequest body = new GenerateContentRequest(List.of(new Content("user", parts)),
                new GenerationConfig(List.of("TEXT", "IMAGE")));
        GenerateContentResponse answer = calls.call(kind, false,
                () -> calls.client().generateContent(calls.apiKey(), config.editModel(), body));
        List<Candidate> candidates = answer == null || answer.candidates() == null ? List.of() : answer.candidates();
        Optional<InlineData> image = candidates.stream()
                .flatMap(c -> c.content() == null || c.content().parts() == null ? Stream.empty()
                        : c.content().parts().stream())
                .map(Part::inlineData).filter(Objects::nonNull).filter(d -> d.data() != null).findFirst();
        if (image.isPresent()) {
            return picture(kind, image.get().data());
        }
        String blocked = answer == null || answer.promptFeedback() == null ? null : answer.promptFeedback().blockReason();
        boolean refusedByReason = blocked != null
                || candidates.stream().map(Candidate::finishReason).anyMatch(r -> r != null && REFUSALS.contains(r));
        boolean textOnly = candidates.stream().anyMatch(c -> c.content() != null && c.content().parts() != null
                && c.content().parts().stream().anyMatch(p -> p.text() != null));
        if (refusedByReason || textOnly) {
            Log.infof("Gemini made no picture (block %s, finish %s)", blocked,
                    candidates.stream().map(Candidate::finishReason).toList());
            throw Failures.refused(kind); // a 200 with text only is how Gemini declines
        }
        Log.warn("Gemini answered without a picture or a reason");
        throw Failures.failed(kind);
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
