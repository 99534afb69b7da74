package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Image-to-image: grades, stylises and blends a source picture toward the prompt's scene. */
final class Restyler {

    private Restyler() {
    }

    static BufferedImage restyle(BufferedImage source, PromptFeatures f, String style, double k, long seed, int w, int h) {
        Canvas c = cover(source, w, h);
        if (k <= 0) {
            return c.img;
        }
        Palette p = Palette.of(f);
        StyleFilters.adjustPalette(p, style);
        Scene s = new Scene(f, p, style, seed, w, h, 0);
        int[] orig = c.px.clone();

        int[] ramp = new int[256];
        int[] stops = {Rgb.scale(p.c[LAND_NEAR], 0.8), p.c[LAND_FAR], p.c[SKY_MID], p.c[HAZE], p.c[SKY_LOW],
            Rgb.mix(p.c[SUN], p.c[CLOUD_LIGHT], 0.5)};
        double[] pos = {0, 0.22, 0.42, 0.6, 0.8, 1};
        for (int v = 0; v < 256; v++) {
            ramp[v] = Canvas.gradientAt(stops, pos, v / 255.0);
        }
        double gradeAmount = 0.75 * k;
        for (int i = 0; i < c.px.length; i++) {
            int px = c.px[i];
            int l = (int) Rgb.luma(px);
            int mapped = Rgb.saturate(Rgb.mix(ramp[l], Rgb.mix(px, ramp[l], 0.5), 0.35), 1.2);
            c.px[i] = Rgb.mix(px, mapped, gradeAmount);
        }

        Canvas scene = new Canvas(w, h, true);
        Composer.paint(scene, s);
        double sceneMix = 0.28 * k * k;
        for (int i = 0; i < c.px.length; i++) {
            int a = c.px[i], b = scene.px[i];
            int blended = Rgb.mix(a, b, sceneMix);
            double bright = Math.max(0, Rgb.luma(b) - 170) / 85.0;
            c.px[i] = Rgb.screen(blended, b, bright * 0.45 * k);
        }

        int[] graded = c.px.clone();
        if ("pixel-art".equals(style)) {
            pixelArt(c, s);
        } else {
            StyleFilters.apply(c, s);
        }
        double styleAmount = Math.min(1, 0.25 + k);
        for (int i = 0; i < c.px.length; i++) {
            c.px[i] = Rgb.mix(graded[i], c.px[i], styleAmount);
        }
        if (k < 0.15) {
            double keep = 1 - k / 0.15;
            for (int i = 0; i < c.px.length; i++) {
                c.px[i] = Rgb.mix(c.px[i], orig[i], keep);
            }
        }
        return c.img;
    }

    /** Scales and centre-crops the source so it covers {@code w x h}. */
    static Canvas cover(BufferedImage src, int w, int h) {
        Canvas c = new Canvas(w, h, true);
        double scale = Math.max(w / (double) src.getWidth(), h / (double) src.getHeight());
        double dw = src.getWidth() * scale, dh = src.getHeight() * scale;
        BufferedImage img = src;
        while (scale < 0.5 && img.getWidth() > 2 * w) {
            BufferedImage half = new BufferedImage(Math.max(1, img.getWidth() / 2), Math.max(1, img.getHeight() / 2),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D hg = half.createGraphics();
            hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(img, 0, 0, half.getWidth(), half.getHeight(), null);
            hg.dispose();
            img = half;
            scale *= 2;
        }
        Graphics2D g = c.img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, (int) Math.round((w - dw) / 2), (int) Math.round((h - dh) / 2),
                (int) Math.round(dw), (int) Math.round(dh), null);
        g.dispose();
        return c;
    }

    private static void pixelArt(Canvas c, Scene s) {
        int block = Math.max(2, (int) Math.round(Math.max(c.w, c.h) / 160.0));
        int sw = (c.w + block - 1) / block, sh = (c.h + block - 1) / block;
        Canvas small = new Canvas(sw, sh, false);
        System.arraycopy(Canvas.downsample(c.px, c.w, c.h, block), 0, small.px, 0, sw * sh);
        StyleFilters.pixelate(small, s);
        for (int y = 0; y < c.h; y++) {
            for (int x = 0; x < c.w; x++) {
                c.px[y * c.w + x] = small.px[Math.min(sh - 1, y / block) * sw + Math.min(sw - 1, x / block)];
            }
        }
    }
}
