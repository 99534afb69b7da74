package ai.aiart.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;

/**
 * The offline renderer's videos are stored compactly and still look like the render
 * (docs/PROVIDERS.md, "What the offline renderer stores"): each decoded frame is compared with
 * the frame drawn, as PicturesTest compares pictures.
 */
class VideosTest {

    private final OfflineRenderer renderer = new OfflineRenderer();

    /** The hardest cases measured: the most bytes (rain and neon), the lowest PSNR (firelight), and two ordinary ones. */
    private static final String[][] CASES = {
        {"a city street in the rain at night, neon signs", null}, {"a cozy library with a fireplace", null},
        {"a fox in a snowy forest", null}, {"koi fish in a pond, top view", "watercolor"}};
    /** Luma PSNR every video keeps on average over its frames, and every frame at least. */
    private static final double MIN_MEAN_PSNR_DB = 33.0;
    private static final double MIN_FRAME_PSNR_DB = 32.0;

    @Test
    void storedVideosLookLikeTheRenderAtAboutAThirdOfTheBytesOfQuantiser20() throws Exception {
        long stored = 0;
        long before = 0;
        for (String[] c : CASES) {
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0; i < 48; i++) { // 4 s at 12 frames a second, 640 x 360 (16:9)
                frames.add(renderer.renderFrame(c[0], c[1], 40_003, 640, 360, i, 48));
            }
            Path file = Files.createTempFile("video", ".mp4");
            Path old = Files.createTempFile("video-qp20", ".mp4");
            try {
                try (Mp4Writer writer = new Mp4Writer(file, 12)) {
                    frames.forEach(writer::add);
                }
                try (Mp4Writer writer = new Mp4Writer(old, 12, 20, 20)) { // what jcodec's own encoder stored
                    frames.forEach(writer::add);
                }
                double[] psnr = psnr(file, frames);
                String label = c[0] + " / " + c[1];
                System.out.printf("%s: %d KB (quantiser 20: %d KB), luma PSNR mean %.1f dB, lowest %.1f dB%n", label,
                        Files.size(file) / 1024, Files.size(old) / 1024, psnr[0], psnr[1]);
                assertTrue(psnr[0] >= MIN_MEAN_PSNR_DB, label + ": mean luma PSNR " + psnr[0]);
                assertTrue(psnr[1] >= MIN_FRAME_PSNR_DB, label + ": lowest luma PSNR " + psnr[1]);
                assertTrue(Files.size(file) < Files.size(old), label + ": smaller than at quantiser 20");
                stored += Files.size(file);
                before += Files.size(old);
            } finally {
                Files.delete(file);
                Files.delete(old);
            }
        }
        assertTrue(stored <= 0.7 * before, "the four videos take " + stored / 1024 + " KB, at quantiser 20 " + before / 1024 + " KB");
    }

    /** Mean and lowest luma PSNR of the decoded frames against the drawn ones. */
    static double[] psnr(Path file, List<BufferedImage> drawn) throws IOException, JCodecException {
        FrameGrab grab = FrameGrab.createFrameGrab(NIOUtils.readableChannel(file.toFile()));
        double sum = 0;
        double min = Double.MAX_VALUE;
        for (BufferedImage frame : drawn) {
            double y = lumaPsnr(frame, grab.getNativeFrame());
            sum += y;
            min = Math.min(min, y);
        }
        assertEquals(null, grab.getNativeFrame(), "no frame more than drawn");
        return new double[] {sum / drawn.size(), min};
    }

    /**
     * Luma PSNR of a decoded frame against the drawn one as the encoder received it (converted to
     * YUV 4:2:0 by the same transform), so that only what the coding lost is measured.
     */
    static double lumaPsnr(BufferedImage drawn, Picture decoded) {
        int w = drawn.getWidth();
        int h = drawn.getHeight();
        Picture rgb = Picture.create(w, h, org.jcodec.common.model.ColorSpace.RGB);
        byte[] data = rgb.getPlaneData(0);
        int[] row = new int[w];
        int k = 0;
        for (int j = 0; j < h; j++) {
            drawn.getRGB(0, j, w, 1, row, 0, w);
            for (int i = 0; i < w; i++) {
                data[k++] = (byte) (((row[i] >> 16) & 0xff) - 128);
                data[k++] = (byte) (((row[i] >> 8) & 0xff) - 128);
                data[k++] = (byte) ((row[i] & 0xff) - 128);
            }
        }
        Picture expected = Picture.create(w, h, org.jcodec.common.model.ColorSpace.YUV420J);
        org.jcodec.scale.ColorUtil.getTransform(org.jcodec.common.model.ColorSpace.RGB, org.jcodec.common.model.ColorSpace.YUV420J)
                .transform(rgb, expected);
        byte[] a = expected.getPlaneData(0);
        byte[] b = decoded.getPlaneData(0);
        int strideA = expected.getPlaneWidth(0);
        int strideB = decoded.getPlaneWidth(0);
        double squared = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double d = a[j * strideA + i] - b[j * strideB + i];
                squared += d * d;
            }
        }
        double mse = squared / ((double) w * h);
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
