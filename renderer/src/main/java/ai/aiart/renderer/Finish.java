package ai.aiart.renderer;

/** Global finishing passes: bloom, colour grading, vignette and film grain. */
final class Finish {

    private Finish() {
    }

    /** Adds a soft glow around bright areas (computed at quarter resolution). */
    static void bloom(Canvas c, double amount, double threshold) {
        if (amount <= 0.01) {
            return;
        }
        int f = 4;
        int sw = (c.w + f - 1) / f, sh = (c.h + f - 1) / f;
        int[] small = Canvas.downsample(c.px, c.w, c.h, f);
        for (int i = 0; i < small.length; i++) {
            int p = small[i];
            double l = Rgb.luma(p);
            double k = Math.max(0, (l - threshold) / (255 - threshold));
            small[i] = Rgb.scale(p, Math.min(1, k * 1.5));
        }
        int rad = Math.max(2, Math.min(sw, sh) / 40);
        Canvas.boxBlur(small, sw, sh, rad);
        Canvas.boxBlur(small, sw, sh, rad);
        for (int i = 0; i < small.length; i++) {
            small[i] = Rgb.scale(small[i], amount);
        }
        c.screenSmall(small, sw, sh, f, c.h);
    }

    /**
     * Amplitude of the film grain against the palette's figure. The grain is independent noise
     * in every pixel, the one thing JPEG cannot compress: at full amplitude it was most of the
     * stored bytes of a grainy picture (an old castle at dawn: 324 KB at 36.6 dB luma PSNR, 52 KB
     * without grain; 470 KB to keep it at 42 dB). At half it still breaks up banding in skies
     * and reads as grain, and the same picture is 184 KB at 39.2 dB (docs/PROVIDERS.md).
     */
    static final double GRAIN_SCALE = 0.5;

    /**
     * Colour grade, vignette and grain in one pass. {@code seed} keeps the grain pattern stable
     * across animation frames.
     */
    static void grade(Canvas c, Palette p, double vignette, double grain, long seed) {
        int[] lut = new int[256];
        double contrast = p.contrast, bright = p.brightness;
        for (int v = 0; v < 256; v++) {
            double x = v / 255.0 * bright;
            x = (x - 0.5) * contrast + 0.5;
            lut[v] = Rgb.clamp((int) Math.round(x * 255));
        }
        double sat = p.saturation;
        boolean mono = p.mono;
        double sepia = p.sepia;
        double cx = c.w / 2.0, cy = c.h / 2.0;
        double ix = 1 / cx, iy = 1 / cy;
        int salt = (int) (seed ^ (seed >>> 32));
        int grainAmp = (int) Math.round(grain * 255 * GRAIN_SCALE);
        for (int y = 0; y < c.h; y++) {
            double dy = (y + 0.5 - cy) * iy;
            for (int x = 0; x < c.w; x++) {
                int i = y * c.w + x;
                int px = c.px[i];
                int r = lut[(px >> 16) & 0xFF], g = lut[(px >> 8) & 0xFF], b = lut[px & 0xFF];
                if (sat != 1 || mono || sepia > 0) {
                    double l = 0.299 * r + 0.587 * g + 0.114 * b;
                    double s = mono ? 0 : sat;
                    double rr = l + (r - l) * s, gg = l + (g - l) * s, bb = l + (b - l) * s;
                    if (sepia > 0) {
                        rr += (l * 1.07 + 18 - rr) * sepia;
                        gg += (l * 0.95 + 8 - gg) * sepia;
                        bb += (l * 0.78 - bb) * sepia;
                    }
                    r = (int) rr;
                    g = (int) gg;
                    b = (int) bb;
                }
                if (vignette > 0) {
                    double dx = (x + 0.5 - cx) * ix;
                    double d2 = (dx * dx + dy * dy) * 0.5;
                    double v = 1 - vignette * d2 * d2 * 1.6;
                    if (v < 1) {
                        v = Math.max(0.2, v);
                        r = (int) (r * v);
                        g = (int) (g * v);
                        b = (int) (b * v);
                    }
                }
                if (grainAmp > 0) {
                    int n = ((Noise.ihash(i * 0x9E3779B1 + salt) & 0xFF) - 128) * grainAmp / 128;
                    r += n;
                    g += n;
                    b += n;
                }
                c.px[i] = (Rgb.clamp(r) << 16) | (Rgb.clamp(g) << 8) | Rgb.clamp(b);
            }
        }
    }
}
