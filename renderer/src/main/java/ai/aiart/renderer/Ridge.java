package ai.aiart.renderer;

/**
 * Fills the area under a ridgeline profile with antialiased edges, a vertical haze gradient,
 * slope lighting (facets that widen down the slopes), crest rim light and snow caps.
 */
final class Ridge {

    /** How one layer is shaded. */
    static final class Shade {
        int top;
        int bottom;
        double fogStart;
        double fogEnd;
        double light;
        int lit;
        int shadow;
        int lightDir = 1;
        double rim;
        int rimColour;
        double rimWidth = 2.5;
        double snowLine = Double.NaN;
        int snow;
        int snowShadow;
        float[] snowJitter;
        Noise.Field texture;
        double textureAmount;
    }

    private Ridge() {
    }

    /**
     * Fills below {@code top} (w + 1 samples: the profile at each pixel edge) down to {@code yEnd}.
     * Columns whose profile is at or below {@code yEnd} are left untouched.
     */
    static void fill(Canvas c, float[] top, int yEnd, Shade sh) {
        int w = c.w;
        yEnd = Math.min(yEnd, c.h);
        int[] rows = new int[Math.max(0, yEnd)];
        float[] fog = new float[rows.length];
        for (int y = 0; y < rows.length; y++) {
            double t = (y - sh.fogStart) / Math.max(1e-6, sh.fogEnd - sh.fogStart);
            t = t < 0 ? 0 : (t > 1 ? 1 : t);
            t = t * t * (3 - 2 * t);
            fog[y] = (float) t;
            rows[y] = Rgb.mix(sh.top, sh.bottom, t);
        }
        boolean lighting = sh.light > 0.01;
        boolean snow = !Double.isNaN(sh.snowLine);
        for (int x = 0; x < w; x++) {
            float tl = top[x], tr = top[x + 1];
            float tmin = Math.min(tl, tr), tmax = Math.max(tl, tr);
            if (tmin >= yEnd) {
                continue;
            }
            int y0 = Math.max(0, (int) Math.floor(tmin));
            float tc = (tl + tr) * 0.5f;
            for (int y = y0; y < yEnd; y++) {
                double cov;
                if (y >= tmax) {
                    cov = 1;
                } else {
                    cov = 0;
                    for (int k = 0; k < 4; k++) {
                        double t = tl + (tr - tl) * (k * 0.25 + 0.125);
                        double v = y + 1 - t;
                        cov += v <= 0 ? 0 : (v >= 1 ? 1 : v);
                    }
                    cov *= 0.25;
                    if (cov <= 0) {
                        continue;
                    }
                }
                int col = rows[y];
                double d = y + 0.5 - tc;
                if (lighting || snow) {
                    int rad = 1 + (int) (Math.max(0, d) * 0.9);
                    float a = top[Math.max(0, x - rad)], b = top[Math.min(w, x + 1 + rad)];
                    double slope = (b - a) / (2.0 * rad + 1);
                    double lit = 0.5 + slope * sh.lightDir * 1.6;
                    lit = lit < 0 ? 0 : (lit > 1 ? 1 : lit);
                    lit = lit * lit * (3 - 2 * lit);
                    double amount = sh.light * (1 - fog[y] * 0.85);
                    if (snow && d >= -1) {
                        double line = sh.snowLine + sh.snowJitter[x];
                        if (y < line) {
                            double edge = Math.min(1, (line - y) / 2.0);
                            int sc = Rgb.mix(sh.snowShadow, sh.snow, lit);
                            col = Rgb.mix(col, sc, edge * (1 - fog[y] * 0.7));
                            amount *= 0.2;
                        }
                    }
                    if (lighting) {
                        col = lit > 0.5 ? Rgb.mix(col, sh.lit, (lit - 0.5) * 2 * amount)
                                : Rgb.mix(col, sh.shadow, (0.5 - lit) * 2 * amount);
                    }
                }
                if (sh.texture != null) {
                    double n = sh.texture.at(x, y) * sh.textureAmount * (1 - fog[y]);
                    col = n > 0 ? Rgb.mix(col, 0xFFFFFF, n) : Rgb.mix(col, 0, -n);
                }
                if (sh.rim > 0 && d < sh.rimWidth) {
                    col = Rgb.mix(col, sh.rimColour, sh.rim * Math.min(1, 1 - d / sh.rimWidth));
                }
                c.blend(y * w + x, col, cov);
            }
        }
    }

    /** Smoothstep helper shared by the terrain code. */
    static double smooth(double e0, double e1, double x) {
        double t = (x - e0) / (e1 - e0);
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        return t * t * (3 - 2 * t);
    }
}
