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
import ai.aiart.renderer.OfflineRenderer;
import ai.aiart.renderer.Picture;
import ai.aiart.renderer.RenderStoppedException;
import ai.aiart.renderer.Video;

/**
 * The offline renderer as a provider (docs/PROVIDERS.md): always available, deterministic for
 * (prompt, seed), last in every chain. The drawing is the renderer module's ({@link OfflineRenderer},
 * renderer/README.md); this adapter maps a {@link GenerationRequest} to its calls, decodes uploads
 * within the instance's {@link DecodeBudget}, writes the results as {@link MediaFiles} and turns a
 * stopped job into a {@link ProviderException}. Pictures are stored compactly (JPEG, pixel art as
 * PNG); videos are real H.264 MP4 files of the prompt's scene in gentle motion. Its results say
 * {@code provider: local}, so nobody mistakes them for a diffusion model's.
 */
@ApplicationScoped
public class LocalProvider implements ImageProvider {

    public static final String NAME = "local";

    private final LocalConfig config;
    private final OfflineRenderer renderer = new OfflineRenderer();

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
            case TEXT_TO_IMAGE -> stored(renderer.picture(request.prompt(), request.negativePrompt(), request.style(),
                    request.seed(), request.width(), request.height()));
            case IMAGE_TO_IMAGE -> stored(renderer.restyledPicture(read(request.input(), request.width(), request.height()),
                    request.prompt(), request.style(), request.strength(),
                    request.seed(), request.width(), request.height()));
            case TEXT_TO_VIDEO -> video(request, null, progress);
            case IMAGE_TO_VIDEO -> video(request, read(request.input(), request.width(), request.height()), progress);
        };
    }

    private static GeneratedMedia stored(Picture picture) {
        return new GeneratedMedia(picture.contentType(), picture.width(), picture.height(), null,
                MediaFiles.write(picture.bytes(), picture.suffix()));
    }

    /**
     * A video of the prompt's scene. From an upload, the video opens on the picture and
     * slowly restyles it toward the prompt's scene.
     */
    private GeneratedMedia video(GenerationRequest request, BufferedImage start, DoubleConsumer progress) {
        int seconds = request.durationSeconds();
        Path file = MediaFiles.newFile(".mp4");
        Video video;
        try {
            video = renderer.video(file, request.prompt(), request.style(), request.seed(), request.width(),
                    request.height(), start, seconds, config.videoFps(), progress);
        } catch (RenderStoppedException e) {
            MediaFiles.deleteQuietly(file);
            throw stopped(null);
        } catch (RuntimeException e) {
            MediaFiles.deleteQuietly(file);
            throw e;
        }
        return new GeneratedMedia("video/mp4", video.width(), video.height(), video.seconds(), file);
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
            throw stopped(e);
        }
    }

    /** The job was stopped while this provider worked on it (its worker's thread was interrupted). */
    private static ProviderException stopped(Throwable cause) {
        return new ProviderException("interrupted", "The job was stopped.", false, cause);
    }
}
