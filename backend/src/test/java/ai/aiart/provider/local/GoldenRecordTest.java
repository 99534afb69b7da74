package ai.aiart.provider.local;

import java.awt.image.BufferedImage;
import java.io.IOException;
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
 * TEMPORARY (issue #23, item 2): records SHA-256 of the offline renderer's outputs before it moves
 * into its own module, so that the module's golden test can prove the same prompt and seed give the
 * same pixels and bytes after the move. Writes target/golden-sha256.txt. Removed by the move.
 */
class GoldenRecordTest {

    static final Object[][] PICTURES = {
        {"mountain lake at sunset", null, null, 42L, 256, 256},
        {"cyberpunk city at night in the rain", null, "photographic", 7L, 320, 180},
        {"snowy pine forest at dawn, no clouds", "trees", null, 3L, 200, 300},
        {"tropical beach with palm trees", null, "watercolor", 11L, 256, 192},
        {"outer space nebula with a planet", null, "digital-art", 5L, 240, 240},
        {"golden autumn forest with a purple sky", null, "oil-painting", 9L, 256, 256},
        {"an 8-bit castle on a hill", null, null, 1L, 320, 200},
        {"a lighthouse on a stormy sea", "birds", "line-art", 13L, 256, 256},
        {"vaporwave sunset over the ocean", null, "neon-punk", 21L, 288, 160},
        {"hot air balloons over a misty valley", "fog", "low-poly", 4L, 256, 256},
        {"a volcano erupting at dusk", null, "anime", 8L, 256, 320},
        {"zorblax quintessence", null, null, Long.MIN_VALUE, 64, 48},
        {"northern lights over a frozen lake, red sky, without grain", "blue, noise", null, 17L, 256, 256},
        {"desert dunes at noon with a crimson sun", null, "pixel-art", 99L, 300, 200},
        {null, null, null, 0L, 33, 17},
        {"ÜBER-NEON ☃ 東京 city!!!", "   ", "unknown-style", -1L, 64, 64},
        {"cherry blossom garden in spring with sunflowers and a cabin", "water, buildings", "PIXEL ART", 5L, 240, 160},
        {"a cozy village by the river, vintage film, dark and moody", null, null, 123456789L, 256, 192},
        {"a ship with golden sails under silver clouds, no grain, teal water", "lights", "none", 77L, 256, 256},
        {"sakura trees, mint grass, pastel dreamy sky with a rainbow", "without people", null, 31L, 256, 144},
    };

    static final Object[][] RESTYLES = {
        {"neon city", "anime", 0.6, 7L, 256, 256},
        {"snowy winter forest", null, 1.0, 9L, 192, 256},
        {"sea", "pixel-art", 0.7, 9L, 320, 120},
        {"anything", null, 0.05, 9L, 128, 128},
        {"a watercolour of red poppies", null, 0.3, 2L, 200, 200},
    };

    static final Object[][] FRAMES = {
        {"night sky with stars", "anime", 5L, 160, 90, 3, 24},
        {"rain in the city", null, 5L, 160, 90, 7, 24},
        {"vaporwave sunset", "neon-punk", 6L, 120, 160, 23, 24},
    };

    /** {prompt, style, seed, width, height, seconds, fps, from an upload} */
    static final Object[][] VIDEOS = {
        {"a fox in a snowy forest", null, 40_003L, 160, 96, 1, 12, false},
        {"koi fish in a pond, top view", "watercolor", 8L, 128, 128, 1, 6, true},
    };

    @Test
    void record() throws Exception {
        LocalImageRenderer renderer = new LocalImageRenderer();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < PICTURES.length; i++) {
            Object[] c = PICTURES[i];
            BufferedImage image = renderer.render((String) c[0], (String) c[1], (String) c[2], (long) c[3], (int) c[4], (int) c[5]);
            boolean pixelArt = "pixel-art".equals(LocalImageRenderer.styleFor((String) c[0], (String) c[1], (String) c[2]));
            Pictures.Encoded stored = Pictures.encode(image, pixelArt);
            out.add("picture-" + i + " pixels " + pixels(image));
            out.add("picture-" + i + " stored " + stored.contentType() + " " + sha(stored.bytes()));
        }
        BufferedImage source = renderer.render("desert", null, null, 1, 200, 120);
        for (int i = 0; i < RESTYLES.length; i++) {
            Object[] c = RESTYLES[i];
            BufferedImage image = renderer.restyle(source, (String) c[0], (String) c[1], (double) c[2], (long) c[3], (int) c[4], (int) c[5]);
            Pictures.Encoded stored = Pictures.encode(image, "pixel-art".equals(LocalImageRenderer.styleFor((String) c[0], null, (String) c[1])));
            out.add("restyle-" + i + " pixels " + pixels(image));
            out.add("restyle-" + i + " stored " + stored.contentType() + " " + sha(stored.bytes()));
        }
        for (int i = 0; i < FRAMES.length; i++) {
            Object[] c = FRAMES[i];
            out.add("frame-" + i + " pixels " + pixels(renderer.renderFrame((String) c[0], (String) c[1], (long) c[2], (int) c[3],
                    (int) c[4], (int) c[5], (int) c[6])));
        }
        for (int i = 0; i < VIDEOS.length; i++) {
            Object[] c = VIDEOS[i];
            String prompt = (String) c[0];
            String style = (String) c[1];
            long seed = (long) c[2];
            int w = (int) c[3];
            int h = (int) c[4];
            int fps = (int) c[6];
            int frames = Math.max(2, (int) c[5] * fps);
            BufferedImage start = (boolean) c[7] ? source : null;
            Path file = Files.createTempFile("golden", ".mp4");
            MessageDigest drawn = MessageDigest.getInstance("SHA-256");
            try {
                try (Mp4Writer writer = new Mp4Writer(file, fps)) {
                    for (int k = 0; k < frames; k++) {
                        BufferedImage frame = start == null
                                ? renderer.renderFrame(prompt, style, seed, w, h, k, frames)
                                : renderer.restyle(start, prompt, style, 0.85 * k / (frames - 1), seed, w, h);
                        drawn.update(pixels(frame).getBytes(StandardCharsets.US_ASCII));
                        writer.add(frame);
                    }
                }
                out.add("video-" + i + " frames " + HexFormat.of().formatHex(drawn.digest()));
                out.add("video-" + i + " mdat " + sha(mdat(Files.readAllBytes(file))));
            } finally {
                Files.delete(file);
            }
        }
        out.forEach(System.out::println);
        Files.write(Path.of("target/golden-sha256.txt"), out);
    }

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

    /** The payload of the file's top-level mdat box: the H.264 stream, without the header's creation times. */
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
