package ai.aiart.renderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The offline renderer's stored pictures look the same as the lossless render and stay small.
 * "Looks the same" is measured as PSNR of luma (BT.601 Y) against the render, where the eye sees
 * detail, and separately of each chroma plane, which 4:2:0 keeps at half resolution by design.
 * The cases cover every style and several aspect ratios, including the hardest pictures measured
 * (film grain, dense line art, saturated neon edges); none is chosen for being easy.
 */
class PicturesTest {

    /** Chroma planes of saturated edges lose most to 4:2:0; measured 34.3 dB at worst (neon-punk). */
    private static final double MIN_CHROMA_PSNR_DB = 33.0;
    /** A picture written below {@link Pictures#QUALITY} to fit the size bound (dense line art: 36.4 dB). */
    private static final double MIN_LUMA_PSNR_DB_REDUCED = 35.0;

    private static final Object[][] CASES = {
        {"an old castle on a hill at dawn", null, 1024, 1024},
        {"cyberpunk city at night in the rain", "photographic", 1024, 1024},
        {"desert dunes at noon", "digital-art", 1024, 576},
        {"snowy pine forest at night", "anime", 1024, 1024},
        {"tropical beach with palm trees", "watercolor", 768, 1024},
        {"a field of sunflowers under a blue sky", "oil-painting", 1024, 1024},
        {"purple sky over green hills", "pixel-art", 1024, 1024},
        {"a portrait of a robot", "neon-punk", 1024, 1024},
        {"neon signs in a rainy alley", "low-poly", 1024, 768},
        {"a sailing ship on a stormy sea", "line-art", 1024, 1024},
        {"a foggy morning in the valley", "line-art", 1024, 683},
        {"stars over the desert", "oil-painting", 576, 1024},
    };

    private final OfflineRenderer renderer = new OfflineRenderer();

    @Test
    void storedPicturesLookLikeTheRenderAndStayUnderTheSizeBound() throws IOException {
        long bytes = 0;
        double megapixels = 0;
        List<String> report = new ArrayList<>();
        for (Object[] c : CASES) {
            String prompt = (String) c[0];
            String style = (String) c[1];
            int w = (int) c[2];
            int h = (int) c[3];
            BufferedImage render = renderer.render(prompt, null, style, 7, w, h);
            Picture stored = Pictures.encode(render, "pixel-art".equals(OfflineRenderer.styleFor(prompt, null, style)));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored.bytes()));
            assertEquals(w, decoded.getWidth());
            assertEquals(h, decoded.getHeight());
            String label = prompt + " / " + style + " " + w + "x" + h;

            long bound = Math.round(Pictures.MAX_BYTES_PER_MEGAPIXEL * (double) w * h / (1024 * 1024));
            assertTrue(stored.bytes().length <= bound, label + ": " + stored.bytes().length + " bytes, bound " + bound);
            bytes += stored.bytes().length;
            megapixels += w * h / (1024.0 * 1024.0);

            if ("image/png".equals(stored.contentType())) {
                assertArrayEquals(pixels(render), pixels(decoded), label + ": a PNG is lossless");
                report.add(label + ": PNG " + stored.bytes().length);
                continue;
            }
            assertEquals("image/jpeg", stored.contentType());
            double[] psnr = psnrYCbCr(render, decoded);
            double minLuma = stored.quality() == Pictures.QUALITY ? Pictures.MIN_PSNR_DB : MIN_LUMA_PSNR_DB_REDUCED;
            assertTrue(psnr[0] >= minLuma, label + ": luma PSNR " + psnr[0] + " dB at quality " + stored.quality());
            assertTrue(psnr[1] >= MIN_CHROMA_PSNR_DB && psnr[2] >= MIN_CHROMA_PSNR_DB,
                    label + ": chroma PSNR " + psnr[1] + " / " + psnr[2] + " dB");
            report.add(String.format("%s: JPEG q%.2f %d bytes, Y %.1f dB, Cb %.1f dB, Cr %.1f dB", label,
                    stored.quality(), stored.bytes().length, psnr[0], psnr[1], psnr[2]));
        }
        double perMegapixel = bytes / megapixels;
        report.forEach(System.out::println);
        System.out.printf("mean %.1f KB a megapixel%n", perMegapixel / 1024);
        // These cases lean on the hardest pictures measured (178 KB a megapixel on average); over
        // 30 varied prompts, styles and ratios the mean was 139 KB (docs/PROVIDERS.md), well within
        // the 179 KB that 2,000 results in the 350 MB results budget may take each. This bound
        // is there to catch a regression, with room for another JDK's encoder.
        assertTrue(perMegapixel < 200 * 1024, "mean " + Math.round(perMegapixel / 1024) + " KB a megapixel");
    }

    @Test
    void mostPicturesKeepTheFullQualityAndAreChromaSubsampled420() throws IOException {
        BufferedImage render = renderer.render("mountain lake at sunset", null, null, 3, 1024, 1024);
        Picture stored = Pictures.encode(render, false);
        assertEquals("image/jpeg", stored.contentType());
        assertEquals(Pictures.QUALITY, stored.quality());
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(stored.bytes()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            NodeList components = ((Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0"))
                    .getElementsByTagName("componentSpec");
            assertEquals(3, components.getLength());
            String[] expected = {"2", "1", "1"};
            for (int i = 0; i < 3; i++) {
                Element component = (Element) components.item(i);
                assertEquals(expected[i], component.getAttribute("HsamplingFactor"), "component " + i);
                assertEquals(expected[i], component.getAttribute("VsamplingFactor"), "component " + i);
            }
            reader.dispose();
        }
    }

    @Test
    void pixelArtIsKeptAsALosslessPngWhenThatIsSmaller() throws IOException {
        BufferedImage render = renderer.render("a city skyline at golden hour", null, "pixel-art", 5, 1024, 1024);
        Picture stored = Pictures.encode(render, true);
        assertEquals("image/png", stored.contentType());
        assertTrue(stored.bytes().length < Pictures.jpeg(render, Pictures.QUALITY).length);
        assertArrayEquals(pixels(render), pixels(ImageIO.read(new ByteArrayInputStream(stored.bytes()))));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** PSNR in dB of Y, Cb and Cr (BT.601, full range) of {@code b} against {@code a}. */
    static double[] psnrYCbCr(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        double[] squared = new double[3];
        int[] rowA = new int[w];
        int[] rowB = new int[w];
        for (int y = 0; y < h; y++) {
            a.getRGB(0, y, w, 1, rowA, 0, w);
            b.getRGB(0, y, w, 1, rowB, 0, w);
            for (int x = 0; x < w; x++) {
                double[] p = ycbcr(rowA[x]);
                double[] q = ycbcr(rowB[x]);
                for (int k = 0; k < 3; k++) {
                    squared[k] += (p[k] - q[k]) * (p[k] - q[k]);
                }
            }
        }
        double[] psnr = new double[3];
        for (int k = 0; k < 3; k++) {
            double mse = squared[k] / ((double) w * h);
            psnr[k] = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        }
        return psnr;
    }

    private static double[] ycbcr(int rgb) {
        double r = (rgb >> 16) & 0xFF;
        double g = (rgb >> 8) & 0xFF;
        double b = rgb & 0xFF;
        return new double[] {0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
            128 + 0.5 * r - 0.418688 * g - 0.081312 * b};
    }
}
