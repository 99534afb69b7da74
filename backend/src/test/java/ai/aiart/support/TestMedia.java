package ai.aiart.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ai.aiart.generation.JobKind;
import ai.aiart.provider.GenerationRequest;

/** Small real media files and requests for provider tests. */
public final class TestMedia {

    private TestMedia() {
    }

    /** A real PNG of {@code width × height}. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color((x * 255) / width, (y * 255) / height, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The start of an MP4 file (an {@code ftyp} box), enough to be recognised as one. */
    public static byte[] mp4() {
        return new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4',
            '1', 0, 0, 0, 8, 'f', 'r', 'e', 'e'};
    }

    /** An uploaded PNG in a temporary file, as the job runner hands it to providers. */
    public static GenerationRequest.InputImage upload(byte[] png, int width, int height) {
        try {
            Path file = Files.createTempFile("aiart-test-upload-", ".png");
            Files.write(file, png);
            file.toFile().deleteOnExit();
            return new GenerationRequest.InputImage(file, "image/png", width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GenerationRequest textToImage(String prompt, String aspectRatio, String style, long seed) {
        return new GenerationRequest("job-" + prompt.hashCode(), JobKind.TEXT_TO_IMAGE, prompt, null, aspectRatio, style, seed,
                1024, 1024, null, null, null);
    }

    public static GenerationRequest request(JobKind kind, String prompt, String negativePrompt, String aspectRatio,
            GenerationRequest.InputImage input, Double strength, Integer seconds) {
        return new GenerationRequest("job-" + prompt.hashCode(), kind, prompt, negativePrompt, aspectRatio, null, 42, 1024, 576,
                input, strength, seconds);
    }
}
