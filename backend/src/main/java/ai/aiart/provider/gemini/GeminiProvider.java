package ai.aiart.provider.gemini;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.DoubleConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Fallback;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.provider.upstream.GuardFallback;
import ai.aiart.provider.upstream.InputLimits;
import ai.aiart.provider.upstream.MediaDownloads;
import ai.aiart.provider.upstream.RestClients;
import io.smallrye.faulttolerance.api.ApplyGuard;

/**
 * Pictures and videos from Google's Gemini API (docs/PROVIDERS.md): a Gemini image model for both
 * kinds of picture, Veo for both kinds of video (out of the default video chains: see the doc).
 */
@ApplicationScoped
public class GeminiProvider implements ImageProvider {

    public static final String NAME = "gemini";

    private final ProvidersConfig.Gemini config;
    private final GeminiImages images;
    private final GeminiVideos videos;

    public GeminiProvider(ProvidersConfig config, MediaDownloads downloads, ObjectMapper json, Clock clock, DecodeBudget decodes) {
        this.config = config.gemini();
        GeminiClient client = RestClients.build(GeminiClient.class, this.config.baseUrl(), this.config.connectTimeout(),
                this.config.timeout());
        GeminiCalls calls = new GeminiCalls(client, this.config.apiKey().orElse(""), json, clock,
                config.maxRetryAfter());
        this.images = new GeminiImages(calls, this.config, decodes);
        this.videos = new GeminiVideos(calls, this.config, downloads);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<JobKind> kinds() {
        return EnumSet.allOf(JobKind.class);
    }

    @Override
    public boolean configured() {
        return config.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    /** Guarded by the upstream policy ({@code provider/upstream/UpstreamGuards}), named after the provider. */
    @Override
    @ApplyGuard(NAME)
    @Fallback(value = GuardFallback.class, skipOn = ProviderException.class)
    public GeneratedMedia generate(GenerationRequest request, DoubleConsumer progress) {
        return switch (request.kind()) {
            case TEXT_TO_IMAGE -> images.fromText(request);
            case IMAGE_TO_IMAGE -> images.fromPicture(request);
            case TEXT_TO_VIDEO, IMAGE_TO_VIDEO -> videos.make(request, progress);
        };
    }

    // Input limits (docs/PROVIDERS.md, "Input limits and fitting"): the runner fits requests to these.

    /** An inline picture: at most 7 MB, PNG, JPEG or WebP; no documented limit on sides or prompt length. */
    private static final InputLimits INLINE_UPLOAD = InputLimits.NONE
            .withImage(0, Integer.MAX_VALUE, 7_000_000L, Set.of("image/png", "image/jpeg", "image/webp"), true);

    @Override
    public InputLimits inputLimits(JobKind kind) {
        return kind == JobKind.IMAGE_TO_IMAGE || kind == JobKind.IMAGE_TO_VIDEO ? INLINE_UPLOAD : InputLimits.NONE;
    }
}
