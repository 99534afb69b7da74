package ai.aiart.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The same arguments give the same pictures and videos as before the renderer became a module and
 * its vocabulary moved into word lists (issue #23): SHA-256 of the pixels, of the stored bytes
 * (JPEG or PNG) and of the videos' H.264 streams, for varied prompts, negative prompts, seeds,
 * styles, sizes and all four kinds, against {@code golden-sha256.txt}, which the code of the
 * backend's {@code provider/local} package recorded before the move (commit "Renderer golden
 * hashes"). A change that alters what the renderer draws or stores fails here: when it is meant,
 * write the new hashes (the test prints them) into that file in the same commit, and say why.
 *
 * <p>The MP4 files themselves are not compared: jcodec writes the time of writing into their
 * header. Their {@code mdat} box, the coded frames, is.
 */
class GoldenRenderTest {

    record PictureCase(String prompt, String negative, String style, long seed, int width, int height) {
    }

    /** A restyle of the one source picture. */
    record RestyleCase(String prompt, String style, double strength, long seed, int width, int height) {
    }

    record FrameCase(String prompt, String style, long seed, int width, int height, int frame, int frames) {
    }

    record VideoCase(String prompt, String style, long seed, int width, int height, int seconds, int fps, boolean fromUpload) {
    }

    static final PictureCase[] PICTURES = {
        new PictureCase("mountain lake at sunset", null, null, 42L, 256, 256),
        new PictureCase("cyberpunk city at night in the rain", null, "photographic", 7L, 320, 180),
        new PictureCase("snowy pine forest at dawn, no clouds", "trees", null, 3L, 200, 300),
        new PictureCase("tropical beach with palm trees", null, "watercolor", 11L, 256, 192),
        new PictureCase("outer space nebula with a planet", null, "digital-art", 5L, 240, 240),
        new PictureCase("golden autumn forest with a purple sky", null, "oil-painting", 9L, 256, 256),
        new PictureCase("an 8-bit castle on a hill", null, null, 1L, 320, 200),
        new PictureCase("a lighthouse on a stormy sea", "birds", "line-art", 13L, 256, 256),
        new PictureCase("vaporwave sunset over the ocean", null, "neon-punk", 21L, 288, 160),
        new PictureCase("hot air balloons over a misty valley", "fog", "low-poly", 4L, 256, 256),
        new PictureCase("a volcano erupting at dusk", null, "anime", 8L, 256, 320),
        new PictureCase("zorblax quintessence", null, null, Long.MIN_VALUE, 64, 48),
        new PictureCase("northern lights over a frozen lake, red sky, without grain", "blue, noise", null, 17L, 256, 256),
        new PictureCase("desert dunes at noon with a crimson sun", null, "pixel-art", 99L, 300, 200),
        new PictureCase(null, null, null, 0L, 33, 17),
        new PictureCase("ÜBER-NEON ☃ 東京 city!!!", "   ", "unknown-style", -1L, 64, 64),
        new PictureCase("cherry blossom garden in spring with sunflowers and a cabin", "water, buildings", "PIXEL ART", 5L, 240, 160),
        new PictureCase("a cozy village by the river, vintage film, dark and moody", null, null, 123456789L, 256, 192),
        new PictureCase("a ship with golden sails under silver clouds, no grain, teal water", "lights", "none", 77L, 256, 256),
        new PictureCase("sakura trees, mint grass, pastel dreamy sky with a rainbow", "without people", null, 31L, 256, 144),
    };

    static final RestyleCase[] RESTYLES = {
        new RestyleCase("neon city", "anime", 0.6, 7L, 256, 256),
        new RestyleCase("snowy winter forest", null, 1.0, 9L, 192, 256),
        new RestyleCase("sea", "pixel-art", 0.7, 9L, 320, 120),
        new RestyleCase("anything", null, 0.05, 9L, 128, 128),
        new RestyleCase("a watercolour of red poppies", null, 0.3, 2L, 200, 200),
    };

    static final FrameCase[] FRAMES = {
        new FrameCase("night sky with stars", "anime", 5L, 160, 90, 3, 24),
        new FrameCase("rain in the city", null, 5L, 160, 90, 7, 24),
        new FrameCase("vaporwave sunset", "neon-punk", 6L, 120, 160, 23, 24),
    };

    static final VideoCase[] VIDEOS = {
        new VideoCase("a fox in a snowy forest", null, 40_003L, 160, 96, 1, 12, false),
        new VideoCase("koi fish in a pond, top view", "watercolor", 8L, 128, 128, 1, 6, true),
    };

    private final OfflineRenderer renderer = new OfflineRenderer();

    @Test
    void theSameArgumentsGiveTheSamePixelsBytesAndVideosAsBeforeTheMove() throws Exception {
        List<String> now = new ArrayList<>();
        for (int i = 0; i < PICTURES.length; i++) {
            PictureCase c = PICTURES[i];
            add(now, "picture-" + i, renderer.render(c.prompt(), c.negative(), c.style(), c.seed(), c.width(), c.height()),
                    renderer.picture(c.prompt(), c.negative(), c.style(), c.seed(), c.width(), c.height()));
        }
        BufferedImage source = renderer.render("desert", null, null, 1, 200, 120);
        for (int i = 0; i < RESTYLES.length; i++) {
            RestyleCase c = RESTYLES[i];
            add(now, "restyle-" + i, renderer.restyle(source, c.prompt(), c.style(), c.strength(), c.seed(), c.width(), c.height()),
                    renderer.restyledPicture(source, c.prompt(), c.style(), c.strength(), c.seed(), c.width(), c.height()));
        }
        for (int i = 0; i < FRAMES.length; i++) {
            FrameCase c = FRAMES[i];
            now.add("frame-" + i + " pixels " + pixels(renderer.renderFrame(c.prompt(), c.style(), c.seed(), c.width(), c.height(),
                    c.frame(), c.frames())));
        }
        for (int i = 0; i < VIDEOS.length; i++) {
            VideoCase c = VIDEOS[i];
            BufferedImage start = c.fromUpload() ? source : null;
            int frames = Math.max(2, c.seconds() * c.fps());
            MessageDigest drawn = MessageDigest.getInstance("SHA-256");
            for (int k = 0; k < frames; k++) {
                BufferedImage frame = start == null
                        ? renderer.renderFrame(c.prompt(), c.style(), c.seed(), c.width(), c.height(), k, frames)
                        : renderer.restyle(start, c.prompt(), c.style(), 0.85 * k / (frames - 1), c.seed(), c.width(), c.height());
                drawn.update(pixels(frame).getBytes(StandardCharsets.US_ASCII));
            }
            Path file = Files.createTempFile("golden", ".mp4");
            try {
                Video video = renderer.video(file, c.prompt(), c.style(), c.seed(), c.width(), c.height(), start, c.seconds(), c.fps(),
                        done -> { });
                assertEquals(frames, video.frames());
                now.add("video-" + i + " frames " + HexFormat.of().formatHex(drawn.digest()));
                now.add("video-" + i + " mdat " + sha(mdat(Files.readAllBytes(file))));
            } finally {
                Files.delete(file);
            }
        }
        now.forEach(System.out::println);
        assertEquals(String.join("\n", expected()), String.join("\n", now));
    }

    /** The lines of a picture: its pixels, and its stored form. */
    private static void add(List<String> now, String name, BufferedImage pixels, Picture stored) throws NoSuchAlgorithmException {
        now.add(name + " pixels " + pixels(pixels));
        now.add(name + " stored " + stored.contentType() + " " + sha(stored.bytes()));
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = GoldenRenderTest.class.getResourceAsStream("golden-sha256.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }

    /** Size and SHA-256 of the pixels as 32-bit RGB values. */
    static String pixels(BufferedImage image) throws NoSuchAlgorithmException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        ByteBuffer bytes = ByteBuffer.allocate(8 + 4 * px.length);
        bytes.putInt(w).putInt(h);
        bytes.asIntBuffer().put(px);
        return w + "x" + h + " " + sha(bytes.array());
    }

    static String sha(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The payload of the file's top-level mdat box: the coded frames, without the header's times. */
    static byte[] mdat(byte[] mp4) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(mp4);
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = b.getInt() & 0xFFFFFFFFL;
            String type = new String(mp4, start + 4, 4, StandardCharsets.US_ASCII);
            b.position(start + 8);
            int header = 8;
            if (size == 1) {
                size = b.getLong();
                header = 16;
            } else if (size == 0) {
                size = mp4.length - start;
            }
            if (type.equals("mdat")) {
                byte[] payload = new byte[(int) (size - header)];
                System.arraycopy(mp4, start + header, payload, 0, payload.length);
                return payload;
            }
            b.position((int) (start + size));
        }
        throw new IOException("no mdat box");
    }
}
