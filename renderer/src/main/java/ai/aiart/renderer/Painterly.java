package ai.aiart.renderer;

/** Paint-medium treatments: watercolour washes on paper and oil brush strokes. */
final class Painterly {

    private static final int PAPER = 0xFBF7EE;

    private Painterly() {
    }

    /** Bleeding, displaced washes with darkened pigment edges, paper grain and a deckled white border. */
    static void watercolor(Canvas c, Scene s) {
        int w = c.w, h = c.h;
        double amp = s.unit * 0.006;
        Noise.Field dx = s.noise("bleed-x").field(w, h, 8, 1 / (s.unit * 0.04), 3, 0, 0);
        Noise.Field dy = s.noise("bleed-y").field(w, h, 8, 1 / (s.unit * 0.04), 3, 0, 0);
        int[] src = c.px.clone();
        int[] wash = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = (int) Math.max(0, Math.min(w - 1, x + dx.at(x, y) * amp * 2));
                int sy = (int) Math.max(0, Math.min(h - 1, y + dy.at(x, y) * amp * 2));
                wash[y * w + x] = src[sy * w + sx];
            }
        }
        int[] soft = wash.clone();
        Canvas.boxBlur(soft, w, h, Math.max(1, (int) (s.unit * 0.003)));
        int[] wide = wash.clone();
        Canvas.boxBlur(wide, w, h, Math.max(2, (int) (s.unit * 0.012)));
        Noise.Field grain = s.noise("paper").field(w, h, 4, 1 / (s.unit * 0.012), 3, 0, 0);
        Noise.Field blot = s.noise("blot").field(w, h, 8, 1 / (s.unit * 0.15), 3, 0, 0);
        Noise.Field border = s.noise("border").field(w, h, 8, 1 / (s.unit * 0.05), 3, 0, 0);
        double margin = s.unit * 0.035;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int p = soft[i], q = wide[i];
                double diff = Math.abs(Rgb.r(p) - Rgb.r(q)) + Math.abs(Rgb.g(p) - Rgb.g(q)) + Math.abs(Rgb.b(p) - Rgb.b(q));
                double edge = Sky.clamp(diff / 90.0);
                int col = Rgb.mix(p, Rgb.scale(Rgb.saturate(p, 1.25), 0.72), edge * 0.55);
                double g = grain.at(x, y) + ((Noise.ihash(i * 31 + 7) & 0xFF) / 255.0 - 0.5) * 0.5;
                double bl = blot.at(x, y);
                col = Rgb.mix(col, PAPER, Sky.clamp(0.12 + 0.12 * bl + 0.08 * g));
                col = Rgb.scale(col, 1 - 0.05 * Math.max(0, g));
                double d = Math.min(Math.min(x, w - 1 - x), Math.min(y, h - 1 - y));
                double lim = margin * (1 + 0.6 * border.at(x, y));
                double inside = Sky.clamp((d - lim) / (s.unit * 0.006));
                if (inside < 1) {
                    int rim = Rgb.scale(col, 0.85);
                    col = Rgb.mix(PAPER, inside > 0.05 ? Rgb.mix(rim, col, inside) : rim, inside);
                }
                c.px[i] = col;
            }
        }
    }

    /**
     * Oil paint: the picture re-painted with thousands of oriented brush strokes (coloured from the
     * source, following its contours, with bristle streaks and an impasto highlight), a second
     * pass of finer strokes where there is detail, and a faint canvas weave.
     */
    static void oil(Canvas c, Scene s) {
        int w = c.w, h = c.h;
        if (w < 3 || h < 3) {
            return;
        }
        int[] src = c.px.clone();
        Canvas.boxBlur(src, w, h, 1);
        float[] edges = Edges.sobel(src, w, h, 0);
        Noise.Field flow = s.noise("stroke-angle").field(w, h, 8, 1 / (s.unit * 0.15), 3, 0, 0);
        double big = Math.max(3, s.unit * 0.011);
        strokes(c, s, src, edges, flow, big, 1.7, 0.55, -1, 1);
        strokes(c, s, src, edges, flow, big * 0.5, 1.9, 0.5, 0.1, 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double k = 1 + Math.sin(x * 1.7) * Math.sin(y * 1.7) * 0.02;
                int p = c.px[i];
                c.px[i] = Rgb.rgb(Rgb.r(p) * k, Rgb.g(p) * k, Rgb.b(p) * k);
            }
        }
    }

    private static void strokes(Canvas c, Scene s, int[] src, float[] edges, Noise.Field flow, double spacing,
            double lenK, double widK, double minEdge, int salt) {
        int w = c.w, h = c.h;
        int gx = (int) Math.ceil(w / spacing) + 1, gy = (int) Math.ceil(h / spacing) + 1;
        long[] order = new long[gx * gy];
        long seed = s.seed + salt * 0x9E3779B97F4A7C15L;
        for (int k = 0; k < order.length; k++) {
            order[k] = (Noise.mix(seed + k) & 0xFFFFFFFF00000000L) | k;
        }
        java.util.Arrays.sort(order);
        double len = spacing * lenK, wid = spacing * widK;
        for (long o : order) {
            int k = (int) (o & 0xFFFFFFFFL);
            double cx = (k % gx + Noise.hash01(seed, k) - 0.5) * spacing;
            double cy = (k / gx + Noise.hash01(seed + 1, k) - 0.5) * spacing;
            int ix = (int) Math.max(1, Math.min(w - 2, cx)), iy = (int) Math.max(1, Math.min(h - 2, cy));
            int ci = iy * w + ix;
            if (edges[ci] < minEdge) {
                continue;
            }
            double angle;
            if (edges[ci] > 0.06) {
                double lx = Rgb.luma(src[ci + 1]) - Rgb.luma(src[ci - 1]);
                double ly = Rgb.luma(src[ci + w]) - Rgb.luma(src[ci - w]);
                angle = Math.atan2(ly, lx) + Math.PI / 2;
            } else {
                angle = flow.at(ix, iy) * Math.PI + 0.4;
            }
            double jitter = 1 + (Noise.hash01(seed + 2, k) - 0.5) * 0.08;
            int col = Rgb.scale(src[ci], jitter);
            double phase = Noise.hash01(seed + 3, k) * 6.28;
            stamp(c, cx, cy, Math.cos(angle), Math.sin(angle), len, wid, col, phase);
        }
    }

    private static final float[] SIN = new float[1024];

    static {
        for (int i = 0; i < SIN.length; i++) {
            SIN[i] = (float) Math.sin(i * Math.PI * 2 / SIN.length);
        }
    }

    private static void stamp(Canvas c, double cx, double cy, double ca, double sa, double len, double wid, int col,
            double phase) {
        int y0 = Math.max(0, (int) (cy - len - 1)), y1 = Math.min(c.h - 1, (int) (cy + len + 1));
        double il = 1 / len, iw = 1 / wid;
        double a2 = ca * ca * il * il + sa * sa * iw * iw;
        double b1 = 2 * ca * sa * (il * il - iw * iw);
        double c1 = sa * sa * il * il + ca * ca * iw * iw;
        int cr = Rgb.r(col), cg = Rgb.g(col), cb = Rgb.b(col);
        double bristle = 9.4 / (2 * Math.PI) * SIN.length, ph = phase / (2 * Math.PI) * SIN.length;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            double bb = b1 * dy, cc = c1 * dy * dy - 1;
            double disc = bb * bb - 4 * a2 * cc;
            if (disc <= 0) {
                continue;
            }
            double root = Math.sqrt(disc);
            int x0 = Math.max(0, (int) Math.floor(cx + (-bb - root) / (2 * a2) - 0.5));
            int x1 = Math.min(c.w - 1, (int) Math.ceil(cx + (-bb + root) / (2 * a2) - 0.5));
            int row = y * c.w;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double u = (dx * ca + dy * sa) * il, v = (-dx * sa + dy * ca) * iw;
                double e = u * u + v * v;
                if (e >= 1) {
                    continue;
                }
                double a = Math.min(1, (1 - e) * wid * 0.7);
                double k = (1 + 0.05 * SIN[(int) (v * bristle + ph + 4096) & 1023]) * (1 - 0.09 * v) * (1 - 0.05 * u * u);
                int p = c.px[row + x];
                int pr = (p >> 16) & 0xFF, pg = (p >> 8) & 0xFF, pb = p & 0xFF;
                int r = (int) (pr + (cr * k - pr) * a), g = (int) (pg + (cg * k - pg) * a), b = (int) (pb + (cb * k - pb) * a);
                r = r < 0 ? 0 : (r > 255 ? 255 : r);
                g = g < 0 ? 0 : (g > 255 ? 255 : g);
                b = b < 0 ? 0 : (b > 255 ? 255 : b);
                c.px[row + x] = (r << 16) | (g << 8) | b;
            }
        }
    }
}
