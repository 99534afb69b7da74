package ai.aiart.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ai.aiart.core.JobKind;
import ai.aiart.core.Submission;
import ai.aiart.generation.SubmissionRules;
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

    /**
     * The boxes of an MP4 file that say what it is ({@code ftyp}) and its frame size and length
     * ({@code moov/mvhd}, {@code moov/trak/tkhd}), without any frames.
     */
    public static byte[] mp4(int width, int height, double seconds) {
        ByteBuffer mvhd = ByteBuffer.allocate(108).putInt(108).put(ascii("mvhd")).putInt(0).putInt(0).putInt(0)
                .putInt(1000).putInt((int) Math.round(seconds * 1000));
        ByteBuffer tkhd = ByteBuffer.allocate(92).putInt(92).put(ascii("tkhd")).putInt(3);
        tkhd.putInt(84, width << 16).putInt(88, height << 16);
        ByteBuffer trak = ByteBuffer.allocate(8 + 92).putInt(100).put(ascii("trak")).put(tkhd.array());
        ByteBuffer moov = ByteBuffer.allocate(8 + 108 + 100).putInt(216).put(ascii("moov")).put(mvhd.array()).put(trak.array());
        ByteBuffer ftyp = ByteBuffer.allocate(24).putInt(24).put(ascii("ftypisom")).putInt(512).put(ascii("isommp41"));
        return ByteBuffer.allocate(24 + 216).put(ftyp.array()).put(moov.array()).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
        return new GenerationRequest("job-" + prompt.hashCode(), new Submission(JobKind.TEXT_TO_IMAGE, prompt, null, aspectRatio,
                style, seed, true, null, null), 1024, 1024, null);
    }

    /**
     * A request as the job runner hands it over; a strength or a video's length left null takes the
     * default the submission rules would have given it (0.6; 4 s, {@code aiart.generation.default-video-seconds}).
     */
    public static GenerationRequest request(JobKind kind, String prompt, String negativePrompt, String aspectRatio,
            GenerationRequest.InputImage input, Double strength, Integer seconds) {
        Double s = strength == null && kind == JobKind.IMAGE_TO_IMAGE ? Double.valueOf(SubmissionRules.DEFAULT_STRENGTH) : strength;
        Integer d = seconds == null && kind.video() ? Integer.valueOf(4) : seconds;
        return new GenerationRequest("job-" + java.util.Objects.hashCode(prompt),
                new Submission(kind, prompt, negativePrompt, aspectRatio, null, 42, true, s, d), 1024, 576, input);
    }
}
