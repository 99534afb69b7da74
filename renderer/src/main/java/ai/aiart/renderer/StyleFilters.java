package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

/** Rendering treatments for the site's styles, applied to a finished scene (or restyled photo). */
final class StyleFilters {

    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

    private StyleFilters() {
    }

    /** Style-specific palette and grading tweaks, before painting. */
    static void adjustPalette(Palette p, String style) {
        if (style == null) {
            return;
        }
        switch (style) {
            case "photographic" -> {
                p.saturation *= 0.92;
                p.contrast *= 1.06;
                p.grain *= 0.7;
                p.vignette += 0.08;
            }
            case "digital-art" -> {
                p.saturation *= 1.15;
                p.bloom += 0.15;
            }
            case "anime" -> {
                p.saturation *= 1.2;
                p.brightness *= 1.05;
                p.grain = 0;
                p.vignette *= 0.4;
                p.set(CLOUD_LIGHT, Rgb.mix(p.c[CLOUD_LIGHT], 0xFFFFFF, 0.5));
            }
            case "watercolor" -> {
                p.saturation *= 0.9;
                p.contrast *= 0.92;
                p.grain = 0;
                p.vignette = 0;
                p.bloom *= 0.5;
            }
            case "oil-painting" -> {
                p.saturation *= 1.08;
                p.grain *= 0.5;
            }
            case "neon-punk" -> {
                p.saturation *= 1.3;
                p.set(ACCENT, Rgb.mix(p.c[ACCENT], 0xFF2BD6, 0.7));
                p.set(ACCENT2, Rgb.mix(p.c[ACCENT2], 0x29E0FF, 0.7));
                p.grain *= 0.5;
            }
            case "pixel-art", "low-poly" -> p.grain = 0;
            case "line-art" -> {
                p.grain = 0;
                p.vignette = 0;
                p.bloom = 0;
            }
            default -> { }
        }
    }

    /** Applies the scene's style treatment, bloom, grading, vignette and grain. */
    static void apply(Canvas c, Scene s) {
        Palette p = s.p;
        String st = s.style == null ? "" : s.style;
        switch (st) {
            case "photographic" -> {
                soften(c, 0.5);
                Finish.bloom(c, p.bloom + 0.12, 160);
                aberration(c, Math.max(1, c.w / 500.0));
            }
            case "digital-art" -> {
                Finish.bloom(c, p.bloom + 0.1, 150);
                sharpen(c, 0.6);
            }
            case "anime" -> {
                Finish.bloom(c, p.bloom * 0.8, 175);
                cel(c);
                Edges.outline(c, s, 0.55);
            }
            case "watercolor" -> Painterly.watercolor(c, s);
            case "oil-painting" -> {
                Finish.bloom(c, p.bloom, 165);
                Painterly.oil(c, s);
            }
            case "neon-punk" -> Edges.neon(c, s);
            case "low-poly" -> {
                Finish.bloom(c, p.bloom, 165);
                LowPoly.apply(c, s);
            }
            case "line-art" -> Edges.lineArt(c, s);
            default -> Finish.bloom(c, p.bloom, 165);
        }
        Finish.grade(c, p, p.vignette, p.grain, s.seed);
    }

    static void soften(Canvas c, double amount) {
        int[] b = c.px.clone();
        Canvas.boxBlur(b, c.w, c.h, 1);
        int k = (int) (amount * 256);
        for (int i = 0; i < b.length; i++) {
            c.px[i] = Rgb.mix256(c.px[i], b[i], k);
        }
    }

    /** Lens-like chromatic aberration: red and blue drift apart toward the corners. */
    static void aberration(Canvas c, double maxShift) {
        int[] src = c.px.clone();
        double cx = c.w / 2.0, cy = c.h / 2.0, norm = 1 / Math.sqrt(cx * cx + cy * cy);
        for (int y = 0; y < c.h; y++) {
            for (int x = 0; x < c.w; x++) {
                double dx = (x - cx) * norm, dy = (y - cy) * norm;
                int ox = (int) Math.round(dx * maxShift * 2), oy = (int) Math.round(dy * maxShift * 2);
                int rx = Math.max(0, Math.min(c.w - 1, x + ox)), ry = Math.max(0, Math.min(c.h - 1, y + oy));
                int bx = Math.max(0, Math.min(c.w - 1, x - ox)), by = Math.max(0, Math.min(c.h - 1, y - oy));
                int p = src[y * c.w + x];
                c.px[y * c.w + x] = (src[ry * c.w + rx] & 0xFF0000) | (p & 0x00FF00) | (src[by * c.w + bx] & 0xFF);
            }
        }
    }

    static void sharpen(Canvas c, double amount) {
        int[] b = c.px.clone();
        Canvas.boxBlur(b, c.w, c.h, 1);
        for (int i = 0; i < b.length; i++) {
            int p = c.px[i], q = b[i];
            c.px[i] = Rgb.rgb(Rgb.r(p) + (Rgb.r(p) - Rgb.r(q)) * amount, Rgb.g(p) + (Rgb.g(p) - Rgb.g(q)) * amount,
                    Rgb.b(p) + (Rgb.b(p) - Rgb.b(q)) * amount);
        }
    }

    /** Cel shading: lightness snapped to a few crisp bands, hue kept. */
    static void cel(Canvas c) {
        int[] lut = new int[256];
        int bands = 6;
        for (int v = 0; v < 256; v++) {
            double t = v / 255.0 * bands;
            double f = t - Math.floor(t);
            double snapped = Math.floor(t) + Ridge.smooth(0.3, 0.7, f);
            lut[v] = (int) Math.round(snapped / bands * 255);
        }
        for (int i = 0; i < c.px.length; i++) {
            int p = c.px[i];
            int l = (int) Rgb.luma(p);
            double k = (lut[l] + 12) / (double) (l + 12);
            k = 0.35 + 0.65 * k;
            c.px[i] = Rgb.rgb(Rgb.r(p) * k, Rgb.g(p) * k, Rgb.b(p) * k);
        }
    }

    /**
     * Pixel art: the small canvas reduced to an adaptive palette of a few dozen colours (a short,
     * deterministic k-means), with light ordered dithering so gradients break into pixel patterns.
     */
    static void pixelate(Canvas c, Scene s) {
        int k = 24;
        int[] px = c.px;
        int n = px.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Rgb.luma(px[a]) + a * 1e-9, Rgb.luma(px[b]) + b * 1e-9));
        double[][] centre = new double[k][3];
        for (int j = 0; j < k; j++) {
            int p = px[order[(int) ((j + 0.5) * n / k)]];
            centre[j] = new double[] {Rgb.r(p), Rgb.g(p), Rgb.b(p)};
        }
        int[] assign = new int[n];
        for (int iter = 0; iter < 6; iter++) {
            double[][] sum = new double[k][4];
            for (int i = 0; i < n; i++) {
                int p = px[i];
                assign[i] = nearest(centre, Rgb.r(p), Rgb.g(p), Rgb.b(p));
                sum[assign[i]][0] += Rgb.r(p);
                sum[assign[i]][1] += Rgb.g(p);
                sum[assign[i]][2] += Rgb.b(p);
                sum[assign[i]][3]++;
            }
            for (int j = 0; j < k; j++) {
                if (sum[j][3] > 0) {
                    centre[j] = new double[] {sum[j][0] / sum[j][3], sum[j][1] / sum[j][3], sum[j][2] / sum[j][3]};
                }
            }
        }
        int[] pal = new int[k];
        for (int j = 0; j < k; j++) {
            pal[j] = Rgb.saturate(Rgb.rgb(centre[j][0], centre[j][1], centre[j][2]), 1.15);
        }
        for (int y = 0; y < c.h; y++) {
            for (int x = 0; x < c.w; x++) {
                int i = y * c.w + x;
                double d = (BAYER[(y & 3) * 4 + (x & 3)] / 16.0 - 0.47) * 14;
                int p = px[i];
                px[i] = pal[nearest(centre, Rgb.r(p) + d, Rgb.g(p) + d, Rgb.b(p) + d)];
            }
        }
    }

    private static int nearest(double[][] centre, double r, double g, double b) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int j = 0; j < centre.length; j++) {
            double dr = centre[j][0] - r, dg = centre[j][1] - g, db = centre[j][2] - b;
            double d = dr * dr * 0.3 + dg * dg * 0.59 + db * db * 0.11;
            if (d < bd) {
                bd = d;
                best = j;
            }
        }
        return best;
    }

    private static int q(double v, double step) {
        return Rgb.clamp((int) Math.round(Math.round(v / step) * step));
    }
}
