package ai.aiart.renderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Checks the offline renderer's contract: determinism, prompt-driven variety, sizes, image
 * statistics (structured, neither flat nor noise), negative prompts, styles, restyle and frames.
 * Thresholds are about half of (or double) the values measured when they were calibrated.
 */
class OfflineRendererTest {

    private static final int W = 256;
    private static final int H = 256;
    private static final String[] STYLES = {"photographic", "digital-art", "anime", "watercolor", "oil-painting",
        "pixel-art", "neon-punk", "low-poly", "line-art"};

    private final OfflineRenderer renderer = new OfflineRenderer();

    @Test
    void sameArgumentsGiveIdenticalPixels() {
        for (String style : new String[] {null, "watercolor", "pixel-art", "low-poly"}) {
            BufferedImage a = renderer.render("mountain lake at sunset", "fog", style, 42, W, H);
            BufferedImage b = renderer.render("mountain lake at sunset", "fog", style, 42, W, H);
            assertArrayEquals(pixels(a), pixels(b), "style " + style);
        }
        BufferedImage src = renderer.render("desert", null, null, 1, 200, 120);
        assertArrayEquals(pixels(renderer.restyle(src, "neon city", "anime", 0.6, 7, W, H)),
                pixels(renderer.restyle(src, "neon city", "anime", 0.6, 7, W, H)));
        assertArrayEquals(pixels(renderer.renderFrame("snowy forest", null, 3, W, H, 5, 24)),
                pixels(renderer.renderFrame("snowy forest", null, 3, W, H, 5, 24)));
    }

    @Test
    void differentPromptsGiveSubstantiallyDifferentPictures() {
        // Measured at calibration: mean abs difference 67..120, mean colour distance 110..210.
        String[][] pairs = {
            {"mountain lake at sunset", "cyberpunk city at night in the rain"},
            {"desert dunes at noon", "snowy pine forest at night"},
            {"tropical beach with palm trees", "outer space nebula with a planet"},
            {"purple sky over green hills", "golden autumn forest"},
        };
        for (String[] pair : pairs) {
            BufferedImage a = renderer.render(pair[0], null, null, 1, W, H);
            BufferedImage b = renderer.render(pair[1], null, null, 1, W, H);
            double mad = meanAbsDiff(a, b);
            double colour = colourDistance(a, b);
            assertTrue(mad > 30, pair[0] + " vs " + pair[1] + ": mean abs diff " + mad);
            assertTrue(colour > 40, pair[0] + " vs " + pair[1] + ": colour distance " + colour);
        }
    }

    @Test
    void unknownWordsStillChangeThePicture() {
        // Measured at calibration: 29.0 for these two nonsense prompts.
        BufferedImage a = renderer.render("aaa bbb ccc", null, null, 1, W, H);
        BufferedImage b = renderer.render("zzz qqq", null, null, 1, W, H);
        assertTrue(meanAbsDiff(a, b) > 10, "mean abs diff " + meanAbsDiff(a, b));
    }

    @Test
    void seedVariesArrangementButKeepsPalette() {
        // Measured at calibration: mean abs diff 21..30, mean colour distance 10..11.
        BufferedImage a = renderer.render("mountain lake at sunset", null, null, 1, W, H);
        BufferedImage b = renderer.render("mountain lake at sunset", null, null, 2, W, H);
        BufferedImage other = renderer.render("cyberpunk city at night in the rain", null, null, 1, W, H);
        assertTrue(meanAbsDiff(a, b) > 5, "seed change should move things: " + meanAbsDiff(a, b));
        assertTrue(colourDistance(a, b) < colourDistance(a, other) / 2, "palette should stay with the prompt");
    }

    @Test
    void sunsetIsWarmAndNightIsDarkAndCool() {
        // Measured at calibration: sunset luma ~105, red-blue +43; night luma ~36, red-blue -41.
        for (long seed = 0; seed < 4; seed++) {
            double[] sunset = mean(renderer.render("sunset over the mountains", null, null, seed, W, H));
            double[] night = mean(renderer.render("night over the mountains", null, null, seed, W, H));
            assertTrue(luma(night) < luma(sunset) - 30, "night " + luma(night) + " vs sunset " + luma(sunset));
            assertTrue(sunset[0] - sunset[2] > 10, "sunset should be warm: " + (sunset[0] - sunset[2]));
            assertTrue(night[2] - night[0] > 10, "night should be blue: " + (night[2] - night[0]));
        }
    }

    @Test
    void sizeAndTypeAreHonoured() {
        int[][] sizes = {{1024, 1024}, {1344, 768}, {768, 1344}, {1536, 640}, {33, 17}};
        for (int[] s : sizes) {
            BufferedImage img = renderer.render("epic mountains at dawn", null, null, 9, s[0], s[1]);
            assertEquals(s[0], img.getWidth());
            assertEquals(s[1], img.getHeight());
            assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        }
        BufferedImage pixel = renderer.render("castle", null, "pixel-art", 9, 1344, 768);
        assertEquals(1344, pixel.getWidth());
        assertEquals(768, pixel.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, pixel.getType());
        assertThrows(IllegalArgumentException.class, () -> renderer.render("x", null, null, 1, 0, 10));
    }

    @Test
    void picturesAreStructuredNeitherFlatNorNoise() {
        // Measured at calibration: luma std >= 27.6, neighbour correlation >= 0.77 (noise would be ~0).
        String[] prompts = {"mountain lake at sunset", "cyberpunk city at night in the rain", "outer space nebula",
            "a cat sitting on a chair", "", "foggy pine forest at sunrise"};
        for (String p : prompts) {
            for (String style : new String[] {null, "line-art", "neon-punk"}) {
                BufferedImage img = renderer.render(p, null, style, 4, W, H);
                double std = lumaStd(img);
                double corr = neighbourCorrelation(img);
                assertTrue(std > 15, "[" + p + "] " + style + " too flat: std " + std);
                assertTrue(corr > 0.6, "[" + p + "] " + style + " too noisy: correlation " + corr);
            }
        }
    }

    @Test
    void negativePromptRemovesElements() {
        // Measured at calibration: 5.9 without clouds, 12.8 without mountains and water.
        BufferedImage with = renderer.render("mountain lake with clouds", null, null, 2, W, H);
        BufferedImage without = renderer.render("mountain lake with clouds", "clouds", null, 2, W, H);
        assertTrue(meanAbsDiff(with, without) > 2, "mean abs diff " + meanAbsDiff(with, without));
        BufferedImage noMountains = renderer.render("mountain lake with clouds", "mountains, water", null, 2, W, H);
        assertTrue(meanAbsDiff(with, noMountains) > 4, "mean abs diff " + meanAbsDiff(with, noMountains));
    }

    @Test
    void everyStyleDiffersFromTheDefault() {
        // Measured at calibration: 3.8 (digital-art) .. 125 (line-art).
        BufferedImage plain = renderer.render("mountain lake at sunset", null, null, 3, W, H);
        assertArrayEquals(pixels(plain), pixels(renderer.render("mountain lake at sunset", null, "none", 3, W, H)));
        for (String style : STYLES) {
            BufferedImage styled = renderer.render("mountain lake at sunset", null, style, 3, W, H);
            assertTrue(meanAbsDiff(plain, styled) > 2, style + ": " + meanAbsDiff(plain, styled));
        }
    }

    @Test
    void restyleFollowsStrength() {
        // Measured at calibration: 0 at strength 0, 2.0 at 0.05, 25 at 0.5, 49 at 1; 81 between prompts at 1.
        BufferedImage src = renderer.render("mountain lake at sunset", null, null, 9, 300, 200);
        BufferedImage covered = renderer.restyle(src, "anything", null, 0, 9, W, H);
        assertEquals(W, covered.getWidth());
        assertEquals(H, covered.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, covered.getType());
        BufferedImage plainCover = renderer.restyle(src, "", null, 0, 1, W, H);
        assertTrue(meanAbsDiff(covered, plainCover) < 1, "strength 0 should keep the source");
        BufferedImage slight = renderer.restyle(src, "neon cyberpunk city", null, 0.05, 9, W, H);
        assertTrue(meanAbsDiff(covered, slight) < 6, "near-zero strength stays close: " + meanAbsDiff(covered, slight));
        BufferedImage strongA = renderer.restyle(src, "neon cyberpunk city", null, 1, 9, W, H);
        BufferedImage strongB = renderer.restyle(src, "snowy winter forest", null, 1, 9, W, H);
        assertTrue(meanAbsDiff(covered, strongA) > 25, "strength 1 restyles: " + meanAbsDiff(covered, strongA));
        assertTrue(meanAbsDiff(strongA, strongB) > 30, "prompts differ: " + meanAbsDiff(strongA, strongB));
        BufferedImage half = renderer.restyle(src, "neon cyberpunk city", null, 0.5, 9, W, H);
        double dHalf = meanAbsDiff(covered, half);
        assertTrue(dHalf > meanAbsDiff(covered, slight) && dHalf < meanAbsDiff(covered, strongA), "monotonic in strength");
        BufferedImage wide = renderer.restyle(src, "sea", "pixel-art", 0.7, 9, 320, 120);
        assertEquals(320, wide.getWidth());
        assertEquals(120, wide.getHeight());
    }

    @Test
    void framesMoveGently() {
        // Measured at calibration: consecutive frames 0.4..4.3 apart (of 24), frame 0 equals render,
        // palette drift between frames 0 and 12 under 2.
        String prompt = "mountain lake at sunset";
        BufferedImage still = renderer.render(prompt, null, null, 5, W, H);
        BufferedImage f0 = renderer.renderFrame(prompt, null, 5, W, H, 0, 24);
        BufferedImage f1 = renderer.renderFrame(prompt, null, 5, W, H, 1, 24);
        BufferedImage f12 = renderer.renderFrame(prompt, null, 5, W, H, 12, 24);
        assertArrayEquals(pixels(still), pixels(f0));
        double step = meanAbsDiff(f0, f1);
        assertTrue(step > 0.3, "consecutive frames should differ: " + step);
        assertTrue(step < 6, "consecutive frames should be close: " + step);
        assertTrue(meanAbsDiff(f0, f12) < 20, "the scene stays the same: " + meanAbsDiff(f0, f12));
        assertTrue(colourDistance(f0, f12) < 6, "the palette stays: " + colourDistance(f0, f12));
        for (String p : new String[] {"night sky with stars", "rain in the city", "vaporwave sunset", "outer space"}) {
            double d = meanAbsDiff(renderer.renderFrame(p, "anime", 5, W, H, 3, 24),
                    renderer.renderFrame(p, "anime", 5, W, H, 4, 24));
            assertTrue(d > 0.01 && d < 8, p + ": " + d);
        }
        assertThrows(IllegalArgumentException.class, () -> renderer.renderFrame(prompt, null, 5, W, H, 3, 3));
    }

    @Test
    void promptWordsMapToSceneFeatures() {
        PromptFeatures f = PromptFeatures.parse("Snowy mountains at dusk with a purple sky, no clouds", "trees");
        assertTrue(f.has(Tag.SNOW) && f.has(Tag.MOUNTAINS));
        assertEquals(Tag.DUSK, f.time);
        assertTrue(f.suppressed.contains(Tag.CLOUDS) && !f.has(Tag.CLOUDS));
        assertTrue(f.suppressed.contains(Tag.TREES) && f.suppressed.contains(Tag.FOREST));
        assertEquals(1, f.colours.size());
        assertEquals(Lexicon.Target.SKY, f.colours.get(0).target());
        assertTrue(PromptFeatures.parse("northern lights", null).has(Tag.AURORA));
        assertEquals("pixel-art", PromptFeatures.parse("an 8-bit castle", null).impliedStyle());
        assertEquals("watercolor", OfflineRenderer.normalizeStyle(null, PromptFeatures.parse("watercolour lake", null)));
        assertEquals("anime", OfflineRenderer.normalizeStyle("anime", PromptFeatures.parse("watercolour lake", null)));
        PromptFeatures unknown = PromptFeatures.parse("zorblax quintessence", null);
        assertTrue(unknown.hasAny(Tag.TERRAINS) && unknown.time != null, "defaults are filled in");
    }

    @Test
    void nullAndOddInputsAreTolerated() {
        BufferedImage img = renderer.render(null, null, null, Long.MIN_VALUE, 64, 48);
        assertEquals(64, img.getWidth());
        assertFalse(lumaStd(img) < 1);
        renderer.render("ÜBER-NEON ☃ 東京 city!!!", "   ", "unknown-style", -1, 64, 64);
        renderer.render("a", "a", "PIXEL-ART", 0, 1, 1);
    }

    @Test
    void picturesAreStoredAsTheirPixelsEncoded() {
        Picture photo = renderer.picture("mountain lake at sunset", "fog", null, 42, W, H);
        BufferedImage drawn = renderer.render("mountain lake at sunset", "fog", null, 42, W, H);
        assertArrayEquals(Pictures.encode(drawn, false).bytes(), photo.bytes());
        assertEquals("image/jpeg", photo.contentType());
        assertEquals(".jpg", photo.suffix());
        assertEquals(W, photo.width());
        assertEquals(H, photo.height());
        // at this size a PNG of pixel art is smaller than the JPEG (PicturesTest), so it is kept
        Picture pixelArt = renderer.picture("an 8-bit castle", null, null, 1, 1024, 1024);
        assertEquals("image/png", pixelArt.contentType(), "the prompt names pixel art");
        assertEquals(".png", pixelArt.suffix());
        BufferedImage src = renderer.render("desert", null, null, 1, 200, 120);
        Picture restyled = renderer.restyledPicture(src, "neon city", "pixel-art", 0.6, 7, 320, 200);
        Picture expected = Pictures.encode(renderer.restyle(src, "neon city", "pixel-art", 0.6, 7, 320, 200), true);
        assertEquals(expected.contentType(), restyled.contentType());
        assertArrayEquals(expected.bytes(), restyled.bytes());
    }

    @Test
    void videosHaveSecondsTimesFpsFramesAndTellTheirProgress() throws Exception {
        Path file = Files.createTempFile("video", ".mp4");
        try {
            List<Double> progress = new ArrayList<>();
            Video video = renderer.video(file, null, "anime", 3, 96, 64, null, 2, 5, progress::add);
            assertEquals(10, video.frames());
            assertEquals(2.0, video.seconds());
            assertEquals(96, video.width());
            assertEquals(64, video.height());
            assertEquals(file, video.file());
            assertEquals(List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), progress);
            assertTrue(Files.size(file) > 1000, Files.size(file) + " bytes");
            BufferedImage upload = renderer.render("desert", null, null, 1, 200, 120);
            assertEquals(2, renderer.video(file, "sea", null, 3, 64, 64, upload, 0, 12, done -> { }).frames(), "two frames at least");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anInterruptedThreadStopsAVideo() throws Exception {
        Path file = Files.createTempFile("video", ".mp4");
        try {
            List<Double> progress = new ArrayList<>();
            assertThrows(RenderStoppedException.class, () -> renderer.video(file, "lake", null, 1, 64, 64, null, 4, 12, done -> {
                progress.add(done);
                Thread.currentThread().interrupt(); // the job is stopped while its first frame is written
            }));
            assertTrue(Thread.interrupted(), "the flag stays set for the caller");
            assertEquals(List.of(0.0), progress, "no frame after the interrupt");
        } finally {
            Files.delete(file);
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] p = pixels(a);
        int[] q = pixels(b);
        long sum = 0;
        for (int i = 0; i < p.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                sum += Math.abs(((p[i] >> shift) & 0xFF) - ((q[i] >> shift) & 0xFF));
            }
        }
        return sum / (3.0 * p.length);
    }

    private static double[] mean(BufferedImage img) {
        double r = 0;
        double g = 0;
        double b = 0;
        int[] p = pixels(img);
        for (int v : p) {
            r += (v >> 16) & 0xFF;
            g += (v >> 8) & 0xFF;
            b += v & 0xFF;
        }
        return new double[] {r / p.length, g / p.length, b / p.length};
    }

    private static double luma(double[] rgb) {
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }

    private static double luma(int v) {
        return 0.299 * ((v >> 16) & 0xFF) + 0.587 * ((v >> 8) & 0xFF) + 0.114 * (v & 0xFF);
    }

    private static double colourDistance(BufferedImage a, BufferedImage b) {
        double[] m = mean(a);
        double[] n = mean(b);
        return Math.sqrt((m[0] - n[0]) * (m[0] - n[0]) + (m[1] - n[1]) * (m[1] - n[1]) + (m[2] - n[2]) * (m[2] - n[2]));
    }

    private static double lumaStd(BufferedImage img) {
        double s = 0;
        double s2 = 0;
        int[] p = pixels(img);
        for (int v : p) {
            double l = luma(v);
            s += l;
            s2 += l * l;
        }
        double m = s / p.length;
        return Math.sqrt(Math.max(0, s2 / p.length - m * m));
    }

    /** Pearson correlation of horizontally adjacent pixels' luma: ~0 for noise, near 1 for pictures. */
    private static double neighbourCorrelation(BufferedImage img) {
        int w = img.getWidth();
        int[] p = pixels(img);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if ((i + 1) % w == 0) {
                continue;
            }
            double a = luma(p[i]);
            double b = luma(p[i + 1]);
            sx += a;
            sy += b;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
            n++;
        }
        double cov = sxy / n - (sx / n) * (sy / n);
        return cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
    }
}
