package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

/** Edge-based treatments: anime outlines, line art with hatching, and glowing neon edges. */
final class Edges {

    private Edges() {
    }

    /** Sobel gradient magnitude of the (lightly blurred) luminance, roughly 0..1 for strong edges. */
    static float[] sobel(int[] px, int w, int h, int blur) {
        int[] b = px.clone();
        Canvas.boxBlur(b, w, h, blur);
        float[] lum = new float[w * h];
        for (int i = 0; i < lum.length; i++) {
            int p = b[i];
            lum[i] = (float) ((0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF)) / 255.0);
        }
        float[] e = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                float gx = lum[i - w + 1] + 2 * lum[i + 1] + lum[i + w + 1] - lum[i - w - 1] - 2 * lum[i - 1] - lum[i + w - 1];
                float gy = lum[i + w - 1] + 2 * lum[i + w] + lum[i + w + 1] - lum[i - w - 1] - 2 * lum[i - w] - lum[i - w + 1];
                e[i] = (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        return e;
    }

    private static int blurFor(Canvas c) {
        return Math.max(1, (int) Math.round(Math.min(c.w, c.h) / 700.0));
    }

    /** Thin dark ink lines along strong edges, tinted by the colour underneath. */
    static void outline(Canvas c, Scene s, double strength) {
        float[] e = sobel(c.px, c.w, c.h, blurFor(c));
        for (int i = 0; i < e.length; i++) {
            double ink = Ridge.smooth(0.12, 0.3, e[i]) * strength;
            if (ink > 0) {
                int p = c.px[i];
                c.px[i] = Rgb.mix(p, Rgb.scale(Rgb.saturate(p, 1.3), 0.3), ink);
            }
        }
    }

    /** Light paper, dark ink outlines, a pale colour wash and hatching in the shadows. */
    static void lineArt(Canvas c, Scene s) {
        float[] e = sobel(c.px, c.w, c.h, blurFor(c));
        int paper = 0xF7F3EA, ink = 0x24202C;
        int[] hist = new int[256];
        for (int p : c.px) {
            hist[(int) Rgb.luma(p)]++;
        }
        int lo = percentile(hist, c.px.length * 0.03), hi = Math.max(lo + 40, percentile(hist, c.px.length * 0.97));
        double period = Math.max(4, s.unit / 160.0);
        Noise.Field wobble = s.noise("paper").field(c.w, c.h, 8, 1 / (s.unit * 0.05), 3, 0, 0);
        for (int y = 0; y < c.h; y++) {
            for (int x = 0; x < c.w; x++) {
                int i = y * c.w + x;
                int p = c.px[i];
                double l = Sky.clamp((Rgb.luma(p) - lo) / (double) (hi - lo));
                double a = Ridge.smooth(0.06, 0.2, e[i]);
                double hatch = 0;
                double wob = wobble.at(x, y) * period * 0.6;
                if (l < 0.3) {
                    double u = ((x + y + wob) % period + period) % period;
                    hatch = Ridge.smooth(0.3, 0.12, l) * Sky.clamp(1.2 - Math.abs(u - period / 2) * 1.1) * 0.5;
                }
                if (l < 0.12) {
                    double u = ((x - y + wob + 10000 * period) % period);
                    hatch = Math.max(hatch, Ridge.smooth(0.12, 0.03, l) * Sky.clamp(1.2 - Math.abs(u - period / 2) * 1.1) * 0.45);
                }
                int wash = Rgb.mix(paper, vivid(p), 0.16);
                c.px[i] = Rgb.mix(wash, ink, Math.min(1, Math.max(a, hatch)));
            }
        }
    }

    /** The colour pushed to full saturation at a bright, even level (cheap HSL-free version). */
    private static int vivid(int p) {
        int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
        int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
        if (max - min < 12) {
            return 0xD8D8E0;
        }
        double k = 255.0 / (max - min);
        return Rgb.rgb((r - min) * k * 0.85 + 30, (g - min) * k * 0.85 + 30, (b - min) * k * 0.85 + 30);
    }

    private static int percentile(int[] hist, double count) {
        int sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += hist[v];
            if (sum >= count) {
                return v;
            }
        }
        return 255;
    }

    /** Dark, saturated base with edges that glow in magenta and cyan. */
    static void neon(Canvas c, Scene s) {
        float[] e = sobel(c.px, c.w, c.h, blurFor(c));
        int a = s.c(ACCENT), b = s.c(ACCENT2);
        int[] edge = new int[c.px.length];
        for (int y = 0; y < c.h; y++) {
            int grad = Rgb.mix(a, b, y / (double) c.h);
            for (int x = 0; x < c.w; x++) {
                int i = y * c.w + x;
                int p = c.px[i];
                double k = Ridge.smooth(0.04, 0.25, e[i]);
                if (k > 0) {
                    int own = vivid(p);
                    edge[i] = Rgb.scale(Rgb.mix(grad, own, 0.45), k);
                }
                int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, bl = p & 0xFF;
                int l = (r * 77 + g * 150 + bl * 29) >> 8;
                r = Rgb.clamp(l + ((r - l) * 13 >> 3));
                g = Rgb.clamp(l + ((g - l) * 13 >> 3));
                bl = Rgb.clamp(l + ((bl - l) * 13 >> 3));
                c.px[i] = ((r * 107 >> 8) << 16) | ((g * 107 >> 8) << 8) | (bl * 107 >> 8);
            }
        }
        int f = 4;
        int sw = (c.w + f - 1) / f, sh = (c.h + f - 1) / f;
        int[] small = Canvas.downsample(edge, c.w, c.h, f);
        int rad = Math.max(2, Math.min(sw, sh) / 60);
        Canvas.boxBlur(small, sw, sh, rad);
        Canvas.boxBlur(small, sw, sh, rad);
        for (int i = 0; i < small.length; i++) {
            small[i] = Rgb.screen(small[i], small[i], 0.8);
        }
        c.screenSmall(small, sw, sh, f, c.h);
        for (int i = 0; i < edge.length; i++) {
            if (edge[i] != 0) {
                c.px[i] = Rgb.screen(c.px[i], edge[i], 1);
            }
        }
        Finish.bloom(c, 0.45, 120);
    }
}
