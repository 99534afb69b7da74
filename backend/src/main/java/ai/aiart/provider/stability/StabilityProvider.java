package ai.aiart.provider.stability;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.provider.upstream.Failures.Verdict;
import ai.aiart.provider.upstream.GuardFallback;
import ai.aiart.provider.upstream.InputLimits;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.upstream.Prompts;
import ai.aiart.provider.upstream.RestClients;
import ai.aiart.provider.upstream.UpstreamCalls;
import ai.aiart.provider.upstream.UpstreamCalls.Reading;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ApplyGuard;

/**
 * Pictures from Stability AI: text-to-image on the {@code core} endpoint, image-to-image on
 * {@code sd3} (docs/PROVIDERS.md). Stability's video endpoint is discontinued, so no videos.
 */
@ApplicationScoped
public class StabilityProvider implements ImageProvider {

    public static final String NAME = "stability";

    /** Our styles that Stability's core endpoint knows as {@code style_preset}; others go into the prompt. */
    private static final Set<String> STYLE_PRESETS = Set.of("photographic", "digital-art", "anime", "pixel-art", "neon-punk",
            "low-poly", "line-art");
    private static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "21:9", "9:21", "3:2", "2:3", "5:4", "4:5");
    /** Stability seeds are 0 … 4294967294. */
    private static final long SEED_BOUND = 4_294_967_295L;

    private final ProvidersConfig.Stability config;
    private final StabilityClient client;
    private final UpstreamCalls calls;
    private final ObjectMapper json;
    private final Clock clock;
    private final DecodeBudget decodes;
    /** Until when Stability has timed us out after a 429 without {@code Retry-After}; null when it has not. */
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>();

    public StabilityProvider(ProvidersConfig config, ObjectMapper json, Clock clock, DecodeBudget decodes) {
        this.decodes = decodes;
        this.config = config.stability();
        this.client = RestClients.build(StabilityClient.class, this.config.baseUrl(), this.config.connectTimeout(),
                this.config.timeout());
        this.calls = new UpstreamCalls(clock, config.maxRetryAfter(), this::read);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<JobKind> kinds() {
        return EnumSet.of(JobKind.TEXT_TO_IMAGE, JobKind.IMAGE_TO_IMAGE);
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
        if (paused()) {
            throw Failures.busyForLong(request.kind()); // a call now would only restart Stability's timeout
        }
        boolean edit = request.kind() == JobKind.IMAGE_TO_IMAGE;
        String endpoint = edit ? config.imageToImageEndpoint() : config.textToImageEndpoint();
        Response response = calls.call(request.kind(),
                () -> client.generate(endpoint, "Bearer " + config.apiKey().orElse(""), form(request, endpoint, edit)));
        return picture(request.kind(), response);
    }

    private ClientMultipartForm form(GenerationRequest request, String endpoint, boolean edit) {
        String style = request.style();
        boolean preset = "core".equals(endpoint) && style != null && STYLE_PRESETS.contains(style);
        ClientMultipartForm form = ClientMultipartForm.create()
                .attribute("prompt", preset ? Prompts.styled(request.prompt(), null) : Prompts.styled(request.prompt(), style), null);
        if (request.negativePrompt() != null) {
            form.attribute("negative_prompt", request.negativePrompt(), null);
        }
        if (preset) {
            form.attribute("style_preset", style, null);
        }
        if (edit) {
            GenerationRequest.InputImage input = request.input();
            form.attribute("mode", "image-to-image", null)
                    .binaryFileUpload("image", "upload" + MediaProbe.suffix(input.contentType()), input.file().toString(),
                            input.contentType())
                    .attribute("strength", String.valueOf(request.strength()), null);
        } else {
            form.attribute("aspect_ratio", Prompts.nearestRatio(request.aspectRatio(), RATIOS), null);
        }
        if ("sd3".equals(endpoint)) {
            form.attribute("model", config.sd3Model(), null);
        }
        return form.attribute("seed", String.valueOf(Prompts.seed(request.seed(), SEED_BOUND)), null)
                .attribute("output_format", "png", null);
    }

    private GeneratedMedia picture(JobKind kind, Response response) {
        try (response) {
            String finish = response.getHeaderString("finish-reason");
            if ("CONTENT_FILTERED".equalsIgnoreCase(finish)) {
                throw Failures.refused(kind);
            }
            if (finish != null && !"SUCCESS".equalsIgnoreCase(finish)) {
                Log.warnf("Stability finished with %s", finish);
                throw Failures.failed(kind);
            }
            Path file = MediaFiles.write(response.readEntity(InputStream.class), ".png");
            String type = MediaProbe.contentType(file);
            int[] size = MediaProbe.imageSize(file, decodes);
            if (type == null || size == null) {
                MediaFiles.deleteQuietly(file);
                Log.warnf("Stability answered %s that is not a readable picture", response.getMediaType());
                throw Failures.failed(kind);
            }
            return new GeneratedMedia(type, size[0], size[1], null, file);
        }
    }

    /**
     * What Stability's error answer ({@code {"id","name","errors"}}) says; the status and Retry-After
     * are read by {@link UpstreamCalls}.
     */
    private Reading read(JobKind kind, Response response) {
        int status = response.getStatus();
        Optional<StabilityError> error = readError(response);
        Log.warnf("Stability answered HTTP %d %s %s", status, error.map(StabilityError::name).orElse(""),
                error.map(StabilityError::errors).orElse(List.of()));
        if (error.map(e -> "content_moderation".equals(e.name())).orElse(false)) {
            return Reading.of(Verdict.REFUSED);
        }
        if (status == 429 && response.getHeaderString("Retry-After") == null) {
            // Stability times a caller out for 60 s after a 429 (docs/PROVIDERS.md): retrying within the call is useless
            pausedUntil.set(clock.instant().plus(config.rateLimitPause()));
            Log.warnf("Stability rate-limited us: passing it over for %s", config.rateLimitPause());
            return Reading.of(Verdict.PAUSED);
        }
        return Reading.of(Verdict.NONE);
    }

    /** Whether Stability's rate-limit timeout is still running. */
    private boolean paused() {
        return pausedUntil().isPresent();
    }

    /** The end of Stability's rate-limit timeout while it runs; an expired one is forgotten. */
    @Override
    public Optional<Instant> pausedUntil() {
        Instant until = pausedUntil.get();
        if (until == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(until)) {
            return Optional.of(until);
        }
        pausedUntil.compareAndSet(until, null);
        return Optional.empty();
    }

    private Optional<StabilityError> readError(Response response) {
        try {
            return Optional.ofNullable(json.readValue(response.readEntity(String.class), StabilityError.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    // Input limits (docs/PROVIDERS.md, "Input limits and fitting"): the runner fits requests to these.

    /**
     * Prompts up to 10,000 characters (the style counted, in case it is not a preset); the upload at
     * least 64 px a side, at most 16,384 (unconfirmed: kept as the documented cap) and 10 MiB.
     */
    private static final InputLimits LIMITS = InputLimits.prompts(10_000, 10_000, true)
            .withImage(64, 16_384, 10L * 1024 * 1024, Set.of("image/jpeg", "image/png", "image/webp"), true);

    @Override
    public InputLimits inputLimits(JobKind kind) {
        return LIMITS;
    }
}
