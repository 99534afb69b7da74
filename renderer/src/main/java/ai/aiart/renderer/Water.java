package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** Water below the horizon: a rippled mirror of everything above it, sun glitter and boats. */
final class Water {

    private Water() {
    }

    static void paint(Canvas c, Scene s) {
        int w = c.w, h = c.h;
        int y0 = (int) Math.ceil(s.horizon);
        if (y0 >= h) {
            return;
        }
        double depth = h - s.horizon;
        Noise.Tile tile = s.noise("water").tile(8, 4);
        boolean ocean = s.f.has(Tag.OCEAN) && !s.f.has(Tag.LAKE);
        double calm = s.f.has(Tag.CALM) || s.f.has(Tag.LAKE) && !ocean ? 0.6 : 1;
        double glints = s.styleIs("line-art") || s.styleIs("low-poly") ? 0.35 : 1;
        int water = s.c(WATER);
        int sun = s.moon ? s.c(SUN) : Rgb.mix(s.c(SUN), s.c(SUN_GLOW), 0.3);
        int sheen = Rgb.mix(s.c(HORIZON), s.c(CLOUD_LIGHT), 0.3);
        boolean glitter = s.showSun && s.sunY < s.horizon;
        double flow = s.phase * 6;
        double cx = w / 2.0;
        int[] src = c.px.clone();
        for (int y = y0; y < h; y++) {
            double dy = y + 0.5 - s.horizon;
            double u = dy / depth;
            double persp = depth / dy;
            double zRip = persp * depth / (s.unit * 0.02) + flow;
            double zGlint = persp * depth / (s.unit * 0.008) + flow * 1.7;
            double xs = persp / (s.unit * 0.12) * 32, xg = persp / (s.unit * 0.03) * 32;
            double amp = s.unit * (0.002 + 0.016 * u * u) * (ocean ? 1.5 : calm);
            int sy = (int) Math.max(0, Math.min(y0 - 1, Math.round(s.horizon - dy * 0.97 - 1)));
            double tintA = Math.min(0.85, (0.15 + 0.45 * u) * (ocean ? 1.35 : 1));
            double pathW = s.sunR * (0.9 + 5 * u) + s.unit * 0.01;
            double sheenA = (0.14 + 0.1 * u) * (ocean ? 1.3 : calm) * glints;
            for (int x = 0; x < w; x++) {
                double rip = sample(tile, (x - cx) * xs, zRip, 11);
                int sx = (int) Math.max(0, Math.min(w - 1, x + amp * rip * 2.2));
                int col = Rgb.mix(src[sy * w + sx], water, tintA);
                double g = sample(tile, (x - cx) * xg, zGlint, 53);
                if (g > 0.28) {
                    col = Rgb.mix(col, sheen, Math.min(1, (g - 0.28) * 5) * sheenA);
                }
                if (glitter) {
                    double dx = (x - s.sunX) / pathW;
                    double path = Math.exp(-dx * dx);
                    if (path > 0.02 && g > 0.1) {
                        col = Rgb.screen(col, sun, Math.min(1, path * (g - 0.1) * 3.2 * glints));
                    }
                }
                c.px[y * w + x] = col;
            }
        }
        for (int x = 0; x < w && y0 < h; x++) {
            c.blend(y0 * w + x, sheen, 0.3);
        }
        if (s.f.has(Tag.BOAT)) {
            boats(c, s);
        }
    }

    /**
     * Noise at perspective coordinates: each integer step of {@code z} reads an unrelated row of the
     * tile (blended across the step), so the tile's period never lines up into radial streaks.
     */
    private static double sample(Noise.Tile tile, double x, double z, int salt) {
        double k = Math.floor(z);
        double f = z - k;
        long kk = (long) k;
        double o0 = Noise.hash01(salt, kk) * 256, o1 = Noise.hash01(salt, kk + 1) * 256;
        double a = tile.at(x + o0, (kk * 37) & 255), b = tile.at(x + o1, ((kk + 1) * 37) & 255);
        f = f * f * (3 - 2 * f);
        return a + (b - a) * f;
    }

    /** Mirrors a land mass standing in the water (an island) below its waterline {@code base}. */
    static void reflect(Canvas c, Scene s, float[] top, int base) {
        int water = s.c(WATER);
        for (int x = 0; x < c.w; x++) {
            double t = Math.min(top[x], top[x + 1]);
            if (t >= base) {
                continue;
            }
            int len = (int) ((base - t) * 0.8);
            for (int k = 0; k < len && base + k < c.h; k++) {
                int sy = base - 1 - k;
                int sx = (int) Math.max(0, Math.min(c.w - 1, x + Math.sin((base + k) * 0.7 + s.phase * 12.57) * k * 0.03));
                double a = 0.55 * (1 - k / (double) len);
                c.blend((base + k) * c.w + x, Rgb.mix(c.px[sy * c.w + sx], water, 0.4), a);
            }
        }
    }

    private static void boats(Canvas c, Scene s) {
        SplittableRandom r = s.rng("boats");
        int n = 1 + r.nextInt(3);
        Graphics2D g = c.graphics();
        for (int i = 0; i < n; i++) {
            double v = 0.1 + 0.5 * r.nextDouble();
            double y = s.horizon + (s.h - s.horizon) * v;
            double size = s.unit * (0.04 + 0.12 * v);
            double x = s.w * (0.1 + 0.8 * r.nextDouble()) + s.phase * s.unit * 0.03;
            int col = Rgb.mix(s.c(HAZE), s.c(LAND_NEAR), 0.55 + 0.45 * v);
            for (int pass = 0; pass < 2; pass++) {
                double dir = pass == 0 ? 1 : -1;
                Path2D hull = new Path2D.Double();
                hull.moveTo(x - size * 0.5, y);
                hull.lineTo(x + size * 0.5, y);
                hull.lineTo(x + size * 0.38, y + dir * size * 0.14);
                hull.lineTo(x - size * 0.4, y + dir * size * 0.14);
                hull.closePath();
                Path2D sail = new Path2D.Double();
                sail.moveTo(x - size * 0.02, y - dir * size * 0.02);
                sail.lineTo(x - size * 0.02, y - dir * size * 0.85);
                sail.lineTo(x + size * 0.36, y - dir * size * 0.06);
                sail.closePath();
                Path2D jib = new Path2D.Double();
                jib.moveTo(x - size * 0.06, y - dir * size * 0.02);
                jib.lineTo(x - size * 0.06, y - dir * size * 0.7);
                jib.lineTo(x - size * 0.34, y - dir * size * 0.06);
                jib.closePath();
                int sailCol = s.night() ? col : Rgb.mix(s.c(CLOUD_LIGHT), s.c(HAZE), 0.3 * (1 - v));
                double a = pass == 0 ? 1 : 0.28;
                g.setColor(Trees.colour(col, a));
                g.fill(hull);
                g.setColor(Trees.colour(sailCol, a));
                g.fill(sail);
                g.fill(jib);
            }
        }
        g.dispose();
    }
}
