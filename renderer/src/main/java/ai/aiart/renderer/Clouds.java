package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.util.SplittableRandom;

/** Puffy clouds built from overlapping shaded ellipses, thin sunset streaks and storm overcast. */
final class Clouds {

    private Clouds() {
    }

    static void paint(Canvas c, Scene s) {
        if (s.cloudCover <= 0.01) {
            return;
        }
        SplittableRandom r = s.rng("clouds");
        double cover = s.cloudCover;
        boolean lowSun = s.f.time == Tag.SUNSET || s.f.time == Tag.SUNRISE || s.f.time == Tag.DUSK
                || s.f.time == Tag.GOLDEN;
        double soft = s.styleIs("anime") || s.styleIs("pixel-art") || s.styleIs("low-poly") ? 0.01
                : s.f.has(Tag.DREAMY) || s.styleIs("watercolor") || s.styleIs("photographic") ? 0.3 : 0.03;
        double alpha = s.night() ? 0.75 : 0.95;
        if (s.f.has(Tag.STORM)) {
            overcast(c, s);
        }
        if (lowSun) {
            int n = 2 + (int) (cover * 5);
            for (int i = 0; i < n; i++) {
                double y = s.horizon * (0.45 + 0.45 * r.nextDouble());
                double len = s.unit * (0.3 + 0.5 * r.nextDouble());
                double x = wrap(r.nextDouble() * (c.w + len) + s.phase * s.unit * 0.06, c.w, len);
                cloud(c, s, r, x, y, len, len * 0.06, 0.6, soft + 0.25, alpha * 0.8, true);
            }
        }
        double ratio = Math.sqrt(s.aspect);
        int n = s.f.has(Tag.VAPORWAVE) ? 0 : (int) Math.round((1.5 + cover * 7) * Math.max(0.8, ratio));
        for (int i = 0; i < n; i++) {
            double depth = r.nextDouble();
            double y = s.horizon * (0.08 + 0.6 * depth * depth + 0.1 * r.nextDouble());
            double size = s.unit * (0.09 + 0.22 * r.nextDouble()) * (1.25 - depth * 0.6) * (0.7 + cover * 0.5)
                    * (s.f.has(Tag.CLOUDS) ? 1.35 : 1);
            double x = wrap(r.nextDouble() * (c.w + size * 2) + s.phase * s.unit * (0.08 + 0.1 * (1 - depth)), c.w, size);
            if (s.showSun && Math.abs(x - s.sunX) < size * 0.6 + s.sunR && Math.abs(y - s.sunY) < size * 0.3 + s.sunR
                    && !s.f.has(Tag.CLOUDS)) {
                x += (x < s.sunX ? -1 : 1) * (size * 0.6 + s.sunR * 1.5);
            }
            cloud(c, s, r, x, y, size, size * (0.28 + 0.12 * r.nextDouble()), 1, soft, alpha, false);
        }
    }

    private static double wrap(double x, int w, double size) {
        double span = w + size * 2;
        return ((x + size) % span + span) % span - size;
    }

    /**
     * One cloud centred at (cx, baseY): shaded ellipse puffs drawn top row first so the lower,
     * nearer puffs overlap them, all cut by a soft flat base.
     */
    private static void cloud(Canvas c, Scene s, SplittableRandom r, double cx, double baseY, double width,
            double height, double puffRound, double soft, double alpha, boolean streak) {
        int baseCount = streak ? 4 + r.nextInt(3) : 4 + r.nextInt(4);
        int topCount = streak ? 0 : 2 + r.nextInt(3);
        int n = baseCount + topCount;
        double[] px = new double[n], py = new double[n], rx = new double[n], ry = new double[n];
        for (int i = 0; i < topCount; i++) {
            double t = 0.2 + 0.6 * (topCount == 1 ? 0.5 : i / (double) (topCount - 1)) + (r.nextDouble() - 0.5) * 0.15;
            double bell = Math.sin(Math.PI * t);
            double pr = height * (0.45 + 0.4 * r.nextDouble()) * (0.6 + 0.5 * bell);
            px[i] = cx + (t - 0.5) * width * 0.8;
            py[i] = baseY - height * 0.55 - pr * 0.45 * bell;
            rx[i] = pr * 1.1 * puffRound;
            ry[i] = pr;
        }
        for (int i = topCount; i < n; i++) {
            double t = baseCount == 1 ? 0.5 : (i - topCount) / (double) (baseCount - 1);
            double bell = Math.sin(Math.PI * (0.15 + 0.7 * t));
            double pr = height * (0.22 + 0.4 * r.nextDouble()) * (0.6 + 0.5 * bell);
            px[i] = cx + (t - 0.5) * width * 0.95 + (r.nextDouble() - 0.5) * width * 0.05;
            py[i] = baseY - pr * (streak ? 0.2 : 0.5);
            rx[i] = streak ? width / Math.max(1, baseCount - 1) * 0.85 : pr * 1.2 * puffRound;
            ry[i] = pr * (streak ? 0.55 : 1);
        }
        int light = s.c(CLOUD_LIGHT), shadow = s.c(CLOUD_SHADOW);
        boolean lowSun = s.f.time == Tag.SUNSET || s.f.time == Tag.SUNRISE || s.f.time == Tag.DUSK;
        int under = lowSun ? Rgb.mix(s.c(SUN_GLOW), shadow, 0.45) : shadow;
        int mid = Rgb.mix(under, light, 0.6);
        boolean flat = soft < 0.2;
        double lx = s.lightDir * 0.35, ly = -0.8, lz = 0.5;
        double baseEdge = Math.max(1, soft * height * 1.5);
        for (int i = 0; i < n; i++) {
            double edge = Math.max(0.8, soft * Math.min(rx[i], ry[i]));
            int x0 = Math.max(0, (int) (px[i] - rx[i] - 2)), x1 = Math.min(c.w - 1, (int) (px[i] + rx[i] + 2));
            int y0 = Math.max(0, (int) (py[i] - ry[i] - 2)), y1 = Math.min(c.h - 1, (int) (Math.min(py[i] + ry[i], baseY + baseEdge) + 2));
            for (int y = y0; y <= y1; y++) {
                double base = Sky.clamp((baseY - y) / baseEdge + 0.5);
                if (base <= 0) {
                    continue;
                }
                double dy = (y + 0.5 - py[i]) / ry[i];
                for (int x = x0; x <= x1; x++) {
                    double dx = (x + 0.5 - px[i]) / rx[i];
                    double d2 = dx * dx + dy * dy;
                    if (d2 >= 1.1) {
                        continue;
                    }
                    double d = Math.sqrt(d2);
                    double cov = Sky.clamp((1 - d) * Math.min(rx[i], ry[i]) / edge + 0.5);
                    double nz = Math.sqrt(Math.max(0, 1 - d2));
                    double lam = dx * lx + dy * ly + nz * lz;
                    double v = Sky.clamp((baseY - y) / (height * 1.8));
                    double lit = Sky.clamp(0.3 + lam * 0.55 + v * 0.3);
                    int col;
                    if (flat) {
                        double t1 = Ridge.smooth(0.34, 0.4, lit), t2 = Ridge.smooth(0.62, 0.68, lit);
                        col = Rgb.mix(Rgb.mix(under, mid, t1), light, t2);
                    } else {
                        col = Rgb.mix(under, light, lit);
                    }
                    c.blend(y * c.w + x, col, cov * base * alpha);
                }
            }
        }
    }

    private static void overcast(Canvas c, Scene s) {
        Noise.Field f = s.noise("overcast").field(c.w, c.h, 8, 1 / (s.unit * 0.18), 5, s.phase * s.unit * 0.1, 0);
        int dark = Rgb.scale(s.c(CLOUD_SHADOW), 0.8), light = s.c(CLOUD_LIGHT);
        int y1 = (int) Math.min(c.h, s.horizon);
        for (int y = 0; y < y1; y++) {
            double top = 1 - y / s.horizon * 0.7;
            for (int x = 0; x < c.w; x++) {
                double n = f.at(x, y) * 0.5 + 0.5;
                double a = Sky.clamp((n * 1.4 - 0.25) * top * 1.3);
                c.blend(y * c.w + x, Rgb.mix(dark, light, n * n * 0.6), a * 0.9);
            }
        }
    }
}
