package ai.aiart.renderer;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** A TYPE_INT_RGB image with direct access to its pixel array and raster drawing helpers. */
final class Canvas {

    final int w;
    final int h;
    final BufferedImage img;
    final int[] px;
    /** Whether Java2D drawing should be antialiased (off for pixel art). */
    final boolean smooth;

    Canvas(int w, int h, boolean smooth) {
        this.w = w;
        this.h = h;
        this.smooth = smooth;
        this.img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        this.px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    Graphics2D graphics() {
        Graphics2D g = img.createGraphics();
        Object aa = smooth ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** The colour at position {@code t} (0..1) of a gradient with the given stops. */
    static int gradientAt(int[] colors, double[] stops, double t) {
        if (t <= stops[0]) {
            return colors[0];
        }
        for (int i = 1; i < stops.length; i++) {
            if (t <= stops[i]) {
                double u = (t - stops[i - 1]) / Math.max(1e-9, stops[i] - stops[i - 1]);
                u = u * u * (3 - 2 * u) * 0.5 + u * 0.5;
                return Rgb.mix(colors[i - 1], colors[i], u);
            }
        }
        return colors[colors.length - 1];
    }

    /** Alpha-blends a colour into pixel index {@code i}; {@code a} is 0..1. */
    void blend(int i, int color, double a) {
        if (a <= 0) {
            return;
        }
        px[i] = a >= 1 ? color : Rgb.mix256(px[i], color, (int) (a * 256));
    }

    void blend(int x, int y, int color, double a) {
        if (x >= 0 && y >= 0 && x < w && y < h) {
            blend(y * w + x, color, a);
        }
    }

    /** Screen-blended radial glow; {@code radius} is where it fades to zero. */
    void glow(double cx, double cy, double radius, int color, double intensity) {
        if (radius < 1 || intensity <= 0) {
            return;
        }
        int x0 = Math.max(0, (int) (cx - radius)), x1 = Math.min(w - 1, (int) (cx + radius) + 1);
        int y0 = Math.max(0, (int) (cy - radius)), y1 = Math.min(h - 1, (int) (cy + radius) + 1);
        double inv = 1.0 / (radius * radius);
        int cr = Rgb.r(color), cg = Rgb.g(color), cb = Rgb.b(color);
        for (int y = y0; y <= y1; y++) {
            double dy = (y - cy) * (y - cy);
            int row = y * w;
            for (int x = x0; x <= x1; x++) {
                double q = ((x - cx) * (x - cx) + dy) * inv;
                if (q >= 1) {
                    continue;
                }
                double f = (1 - q);
                f = f * f * f * intensity;
                if (f > 1) {
                    f = 1;
                }
                int p = px[row + x];
                int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
                r = (int) (r + (255 - r) * cr * f / 255);
                g = (int) (g + (255 - g) * cg * f / 255);
                b = (int) (b + (255 - b) * cb * f / 255);
                px[row + x] = (r << 16) | (g << 8) | b;
            }
        }
    }

    /** Antialiased filled disc. */
    void disc(double cx, double cy, double r, int color, double alpha) {
        int x0 = Math.max(0, (int) (cx - r - 1)), x1 = Math.min(w - 1, (int) (cx + r + 1));
        int y0 = Math.max(0, (int) (cy - r - 1)), y1 = Math.min(h - 1, (int) (cy + r + 1));
        double edge = smooth ? 0.5 : 0.01;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double d = Math.sqrt(dx * dx + dy * dy);
                double cov = Math.max(0, Math.min(1, (r - d) / (2 * edge) + 0.5));
                if (cov > 0) {
                    blend(y * w + x, color, cov * alpha);
                }
            }
        }
    }

    void fillRect(int x0, int y0, int x1, int y1, int color, double alpha) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                blend(y * w + x, color, alpha);
            }
        }
    }

    /** Simple alpha-blended line, one sample per step along the major axis. */
    void line(double x0, double y0, double x1, double y1, int color, double alpha) {
        double dx = x1 - x0, dy = y1 - y0;
        int n = (int) Math.max(Math.abs(dx), Math.abs(dy)) + 1;
        for (int i = 0; i <= n; i++) {
            double t = i / (double) n;
            double x = x0 + dx * t, y = y0 + dy * t;
            int ix = (int) Math.floor(x);
            double fx = x - ix;
            blend(ix, (int) y, color, alpha * (1 - fx));
            blend(ix + 1, (int) y, color, alpha * fx);
        }
    }

    /** In-place separable box blur of the RGB channels of {@code p}, radius {@code r}. */
    static void boxBlur(int[] p, int w, int h, int r) {
        if (r < 1) {
            return;
        }
        int[] tmp = new int[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            blurLine(p, tmp, y * w, 1, w, r);
        }
        for (int x = 0; x < w; x++) {
            blurLine(p, tmp, x, w, h, r);
        }
    }

    private static void blurLine(int[] p, int[] tmp, int start, int stride, int n, int r) {
        int sr = 0, sg = 0, sb = 0;
        int win = 2 * r + 1;
        for (int i = -r; i <= r; i++) {
            int c = p[start + Math.max(0, Math.min(n - 1, i)) * stride];
            sr += (c >> 16) & 0xFF;
            sg += (c >> 8) & 0xFF;
            sb += c & 0xFF;
        }
        for (int i = 0; i < n; i++) {
            tmp[i] = ((sr / win) << 16) | ((sg / win) << 8) | (sb / win);
            int out = p[start + Math.max(0, i - r) * stride];
            int in = p[start + Math.min(n - 1, i + r + 1) * stride];
            sr += ((in >> 16) & 0xFF) - ((out >> 16) & 0xFF);
            sg += ((in >> 8) & 0xFF) - ((out >> 8) & 0xFF);
            sb += (in & 0xFF) - (out & 0xFF);
        }
        for (int i = 0; i < n; i++) {
            p[start + i * stride] = tmp[i];
        }
    }

    /** Averages {@code f x f} blocks into a smaller buffer of size (w/f) x (h/f), rounded up. */
    static int[] downsample(int[] p, int w, int h, int f) {
        int sw = (w + f - 1) / f, sh = (h + f - 1) / f;
        int[] out = new int[sw * sh];
        for (int sy = 0; sy < sh; sy++) {
            for (int sx = 0; sx < sw; sx++) {
                int r = 0, g = 0, b = 0, n = 0;
                for (int y = sy * f; y < Math.min(h, sy * f + f); y++) {
                    for (int x = sx * f; x < Math.min(w, sx * f + f); x++) {
                        int c = p[y * w + x];
                        r += (c >> 16) & 0xFF;
                        g += (c >> 8) & 0xFF;
                        b += c & 0xFF;
                        n++;
                    }
                }
                out[sy * sw + sx] = ((r / n) << 16) | ((g / n) << 8) | (b / n);
            }
        }
        return out;
    }

    /** Screen-blends a light buffer of size (w/f) x (h/f), upsampled bilinearly, over the canvas. */
    void screenSmall(int[] small, int sw, int sh, int f, int yEnd) {
        Upsampler up = new Upsampler(small, sw, sh, f, w);
        int[] row = new int[w];
        for (int y = 0; y < Math.min(h, yEnd); y++) {
            up.row(y, row);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int l = row[x];
                if (l != 0) {
                    int p = px[base + x];
                    int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
                    r = 255 - (255 - r) * (255 - ((l >> 16) & 0xFF)) / 255;
                    g = 255 - (255 - g) * (255 - ((l >> 8) & 0xFF)) / 255;
                    b = 255 - (255 - b) * (255 - (l & 0xFF)) / 255;
                    px[base + x] = (r << 16) | (g << 8) | b;
                }
            }
        }
    }

    /** Fast separable bilinear upsampling of a buffer made by {@link #downsample}, one output row at a time. */
    static final class Upsampler {
        private final int[] s;
        private final int sw;
        private final int sh;
        private final int f;
        private final int[] i0;
        private final int[] i1;
        private final int[] fx;
        private final int[] tmp;

        Upsampler(int[] s, int sw, int sh, int f, int w) {
            this.s = s;
            this.sw = sw;
            this.sh = sh;
            this.f = f;
            i0 = new int[w];
            i1 = new int[w];
            fx = new int[w];
            tmp = new int[sw];
            for (int x = 0; x < w; x++) {
                double gx = Math.max(0, Math.min(sw - 1, (x + 0.5) / f - 0.5));
                i0[x] = (int) gx;
                i1[x] = Math.min(sw - 1, i0[x] + 1);
                fx[x] = (int) ((gx - i0[x]) * 256);
            }
        }

        void row(int y, int[] out) {
            double gy = Math.max(0, Math.min(sh - 1, (y + 0.5) / f - 0.5));
            int j0 = (int) gy, j1 = Math.min(sh - 1, j0 + 1);
            int fy = (int) ((gy - j0) * 256);
            for (int i = 0; i < sw; i++) {
                tmp[i] = Rgb.mix256(s[j0 * sw + i], s[j1 * sw + i], fy);
            }
            for (int x = 0; x < out.length; x++) {
                out[x] = Rgb.mix256(tmp[i0[x]], tmp[i1[x]], fx[x]);
            }
        }
    }

}
