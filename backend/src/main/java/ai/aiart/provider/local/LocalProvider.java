package ai.aiart.provider.local;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.DoubleConsumer;


import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.LocalConfig;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.upstream.DecodeBudget;

/**
 * The offline renderer (docs/PROVIDERS.md): always available, deterministic for (prompt, seed), last
 * in every chain. Pictures are stored compactly ({@link Pictures}: JPEG, pixel art as PNG); videos
 * are real H.264 MP4 files of the prompt's scene in gentle motion. Its results say {@code provider: local}, so nobody mistakes them for a
 * diffusion model's.
 */
@ApplicationScoped
public class LocalProvider implements ImageProvider {

    public static final String NAME = "local";

    private final LocalConfig config;
    private final LocalImageRenderer renderer = new LocalImageRenderer();

    /** How long a worker waits for the decode budget before the job fails as retryable. */
    private static final java.time.Duration DECODE_WAIT = java.time.Duration.ofMinutes(2);

    private final DecodeBudget decodes;

    public LocalProvider(LocalConfig config, DecodeBudget decodes) {
        this.config = config;
        this.decodes = decodes;
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
        return config.enabled();
    }

    @Override
    public GeneratedMedia generate(GenerationRequest request, DoubleConsumer progress) {
        config.delay().ifPresent(delay -> pause(delay.toMillis()));
        return switch (request.kind()) {
            case TEXT_TO_IMAGE -> image(renderer.render(request.prompt(), request.negativePrompt(), request.style(),
                    request.seed(), request.width(), request.height()), request);
            case IMAGE_TO_IMAGE -> image(renderer.restyle(read(request.input(), request.width(), request.height()),
                    request.prompt(), request.style(), request.strength() == null ? 0.6 : request.strength(),
                    request.seed(), request.width(), request.height()), request);
            case TEXT_TO_VIDEO -> video(request, null, progress);
            case IMAGE_TO_VIDEO -> video(request, read(request.input(), request.width(), request.height()), progress);
        };
    }

    private GeneratedMedia image(BufferedImage image, GenerationRequest request) {
        boolean pixelArt = "pixel-art".equals(LocalImageRenderer.styleFor(request.prompt(),
                request.kind() == JobKind.TEXT_TO_IMAGE ? request.negativePrompt() : null, request.style()));
        Pictures.Encoded encoded = Pictures.encode(image, pixelArt);
        String suffix = "image/png".equals(encoded.contentType()) ? ".png" : ".jpg";
        return new GeneratedMedia(encoded.contentType(), image.getWidth(), image.getHeight(), null,
                MediaFiles.write(encoded.bytes(), suffix));
    }

    /**
     * A video of the prompt's scene. From an upload, the video opens on the picture and
     * slowly restyles it toward the prompt's scene.
     */
    private GeneratedMedia video(GenerationRequest request, BufferedImage start, DoubleConsumer progress) {
        int fps = config.videoFps();
        int seconds = request.durationSeconds() == null ? 4 : request.durationSeconds();
        int frames = Math.max(2, seconds * fps);
        String prompt = request.prompt() == null ? "" : request.prompt();
        Path file = MediaFiles.newFile(".mp4");
        try (Mp4Writer writer = new Mp4Writer(file, fps)) {
            for (int i = 0; i < frames; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ProviderException("interrupted", "The job was stopped.", false, null);
                }
                BufferedImage frame = start == null
                        ? renderer.renderFrame(prompt, request.style(), request.seed(), request.width(), request.height(), i, frames)
                        : renderer.restyle(start, prompt, request.style(), 0.85 * i / (frames - 1), request.seed(),
                                request.width(), request.height());
                writer.add(frame);
                if (i % Math.max(1, frames / 10) == 0) {
                    progress.accept((double) i / frames);
                }
            }
        } catch (RuntimeException e) {
            MediaFiles.deleteQuietly(file);
            throw e;
        }
        return new GeneratedMedia("video/mp4", request.width(), request.height(), (double) frames / fps, file);
    }

    /**
     * Decodes the upload, subsampled to about the output size so a large upload costs little memory,
     * within the instance's decode budget (a worker waits its turn behind the uploads being checked).
     */
    BufferedImage read(GenerationRequest.InputImage input, int width, int height) {
        return decodes.decode(input, width, height, 0, DECODE_WAIT, picture -> picture);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", "The job was stopped.", false, e);
        }
    }
}
