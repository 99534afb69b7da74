package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.util.SplittableRandom;

/** Paints the sky: gradient, horizon glow, sun or moon (or a striped retro sun) and rainbows. */
final class Sky {

    private Sky() {
    }

    static void paint(Canvas c, Scene s) {
        gradient(c, s);
        if (s.f.has(Tag.SPACE)) {
            Cosmos.nebula(c, s);
        }
        if (s.night() || s.f.has(Tag.SPACE)) {
            if (s.f.has(Tag.GALAXY) || s.f.has(Tag.STARS) && s.f.variety(5) < 0.6) {
                Cosmos.milkyWay(c, s);
            }
            if (!s.f.suppressed.contains(Tag.STARS)) {
                Cosmos.stars(c, s, s.f.has(Tag.SPACE) ? 2.2 : s.f.time == Tag.DUSK ? 0.35 : s.f.has(Tag.STARS) ? 1.5 : 1);
            }
        }
        if (s.f.has(Tag.AURORA)) {
            Cosmos.aurora(c, s);
        }
        horizonGlow(c, s);
        if (s.showSun) {
            if (s.moon) {
                moon(c, s);
            } else if (s.f.has(Tag.VAPORWAVE)) {
                retroSun(c, s);
            } else {
                sun(c, s);
            }
        }
        if (s.f.has(Tag.RAINBOW)) {
            rainbow(c, s);
        }
        if (s.f.has(Tag.PLANET) || s.f.has(Tag.SPACE) && s.f.variety(6) < 0.7) {
            Cosmos.planet(c, s);
        }
    }

    private static void gradient(Canvas c, Scene s) {
        int[] cols = {s.c(SKY_TOP), s.c(SKY_MID), s.c(SKY_LOW), s.c(HORIZON)};
        double[] stops = {0, 0.42, 0.8, 1};
        int bands = 0;
        for (int y = 0; y < c.h; y++) {
            double t = y / s.horizon;
            int col;
            if (t <= 1) {
                if (bands > 0) {
                    t = Math.min(1, Math.floor(t * bands + 0.5) / bands);
                }
                col = Canvas.gradientAt(cols, stops, t);
            } else {
                col = Rgb.mix(s.c(HORIZON), s.c(HAZE), Math.min(1, (t - 1) * 3));
            }
            java.util.Arrays.fill(c.px, y * c.w, y * c.w + c.w, col);
        }
    }

    /** A warm band of light along the horizon around the sun (sunset, sunrise, golden, dusk). */
    private static void horizonGlow(Canvas c, Scene s) {
        double strength = switch (s.f.time) {
            case SUNSET, SUNRISE -> 0.55;
            case DUSK -> 0.45;
            case GOLDEN -> 0.35;
            case DAY -> 0.18;
            default -> s.f.has(Tag.CYBERPUNK) ? 0.35 : 0.12;
        };
        if (s.f.has(Tag.STORM)) {
            strength *= 0.4;
        }
        int col = s.c(SUN_GLOW);
        double band = s.unit * 0.22;
        int y0 = Math.max(0, (int) (s.horizon - band * 2.2)), y1 = Math.min(c.h, (int) (s.horizon + band * 0.3));
        double sx = s.sunX, wx = c.w * 0.45;
        double[] colW = new double[c.w];
        for (int x = 0; x < c.w; x++) {
            double dx = (x - sx) / wx;
            colW[x] = 0.35 + 0.65 * Math.exp(-dx * dx);
        }
        int cr = Rgb.r(col), cg = Rgb.g(col), cb = Rgb.b(col);
        for (int y = y0; y < y1; y++) {
            double dy = (y - s.horizon) / band;
            double rowA = strength * Math.exp(-dy * dy);
            int row = y * c.w;
            for (int x = 0; x < c.w; x++) {
                double a = rowA * colW[x];
                int p = c.px[row + x];
                int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
                r += (int) ((255 - r) * cr * a / 255);
                g += (int) ((255 - g) * cg * a / 255);
                b += (int) ((255 - b) * cb * a / 255);
                c.px[row + x] = (r << 16) | (g << 8) | b;
            }
        }
    }

    private static void sun(Canvas c, Scene s) {
        boolean low = s.f.time == Tag.SUNSET || s.f.time == Tag.SUNRISE;
        c.glow(s.sunX, s.sunY, s.unit * (low ? 0.9 : 0.7), s.c(SUN_GLOW), low ? 0.55 : 0.45);
        c.glow(s.sunX, s.sunY, s.sunR * 4.5, s.c(SUN_GLOW), 0.8);
        c.glow(s.sunX, s.sunY, s.sunR * 1.8, s.c(SUN), 0.9);
        c.disc(s.sunX, s.sunY, s.sunR, Rgb.mix(s.c(SUN), 0xFFFFFF, 0.35), 1);
    }

    private static void moon(Canvas c, Scene s) {
        SplittableRandom r = s.rng("moon");
        c.glow(s.sunX, s.sunY, s.unit * 0.55, s.c(SUN_GLOW), 0.22);
        c.glow(s.sunX, s.sunY, s.sunR * 3.5, s.c(SUN_GLOW), 0.5);
        boolean crescent = r.nextDouble() < 0.35;
        double off = s.sunR * 0.55;
        double cr = s.sunR;
        int col = s.c(SUN);
        int dark = Rgb.mix(col, s.c(SKY_MID), 0.35);
        double[][] craters = new double[6][];
        for (int i = 0; i < craters.length; i++) {
            double a = r.nextDouble() * Math.PI * 2, d = Math.sqrt(r.nextDouble()) * cr * 0.75;
            craters[i] = new double[] {s.sunX + Math.cos(a) * d, s.sunY + Math.sin(a) * d, cr * (0.1 + 0.18 * r.nextDouble())};
        }
        int x0 = Math.max(0, (int) (s.sunX - cr - 2)), x1 = Math.min(c.w - 1, (int) (s.sunX + cr + 2));
        int y0 = Math.max(0, (int) (s.sunY - cr - 2)), y1 = Math.min(c.h - 1, (int) (s.sunY + cr + 2));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - s.sunX, dy = y + 0.5 - s.sunY;
                double cov = clamp(cr - Math.sqrt(dx * dx + dy * dy) + 0.5);
                if (cov <= 0) {
                    continue;
                }
                double shadow = 0;
                if (crescent) {
                    double ex = dx + off, ey = dy + off * 0.35;
                    shadow = clamp(cr * 0.98 - Math.sqrt(ex * ex + ey * ey) + 0.5);
                }
                int m = Rgb.mix(col, dark, 0.25 * (dx / cr + 1) * 0.5);
                for (double[] k : craters) {
                    double kx = x - k[0], ky = y - k[1];
                    if (kx * kx + ky * ky < k[2] * k[2]) {
                        m = Rgb.mix(m, dark, 0.35);
                    }
                }
                c.blend(y * c.w + x, m, cov * (1 - shadow * 0.93));
            }
        }
    }

    /** The synthwave sun: a yellow-to-pink disc cut by widening horizontal stripes. */
    private static void retroSun(Canvas c, Scene s) {
        c.glow(s.sunX, s.sunY, s.unit * 0.8, s.c(SUN_GLOW), 0.5);
        double r = s.sunR;
        double period = r * 0.18;
        int x0 = Math.max(0, (int) (s.sunX - r - 2)), x1 = Math.min(c.w - 1, (int) (s.sunX + r + 2));
        int y0 = Math.max(0, (int) (s.sunY - r - 2)), y1 = Math.min(c.h - 1, (int) (s.sunY + r + 2));
        for (int y = y0; y <= y1; y++) {
            double v = (y + 0.5 - (s.sunY - r)) / (2 * r);
            double stripe = 1;
            if (v > 0.45) {
                double gap = (v - 0.45) / 0.55 * 0.6;
                double ph = ((y + 0.5 - s.sunY + s.phase * period * 2) % period + period) % period / period;
                stripe = clamp((ph - gap) * period);
            }
            int col = Rgb.mix(s.c(SUN), s.c(SUN_GLOW), v * 1.1);
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - s.sunX, dy = y + 0.5 - s.sunY;
                double cov = clamp(r - Math.sqrt(dx * dx + dy * dy) + 0.5) * stripe;
                c.blend(y * c.w + x, col, cov);
            }
        }
    }

    private static void rainbow(Canvas c, Scene s) {
        SplittableRandom r = s.rng("rainbow");
        double cx = c.w * (0.3 + 0.4 * r.nextDouble()), cy = s.horizon + s.unit * 0.15;
        double radius = s.unit * (0.5 + 0.15 * r.nextDouble()), width = radius * 0.11;
        int y1 = Math.min(c.h, (int) s.horizon);
        for (int y = Math.max(0, (int) (cy - radius - width)); y < y1; y++) {
            double fade = clamp((s.horizon - y) / (s.unit * 0.25));
            for (int x = Math.max(0, (int) (cx - radius - width)); x < Math.min(c.w, cx + radius + width); x++) {
                double d = Math.hypot(x - cx, y - cy);
                double u = (d - (radius - width)) / width;
                if (u > 0 && u < 1) {
                    int col = Rgb.hsl(270 * (1 - u), 0.9, 0.6);
                    c.blend(y * c.w + x, col, 0.32 * Math.sin(Math.PI * u) * fade);
                }
            }
        }
    }

    static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
