package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.util.SplittableRandom;

/** Night and space elements: stars, the Milky Way, nebulae, planets and auroras. */
final class Cosmos {

    private Cosmos() {
    }

    static void stars(Canvas c, Scene s, double density) {
        SplittableRandom r = s.rng("stars");
        int n = (int) (c.w * (double) c.h / 900.0 * density);
        double limit = Math.min(c.h, s.horizon * 1.02);
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * c.w, y = r.nextDouble() * limit;
            double b = Math.pow(r.nextDouble(), 3.2);
            double tw = r.nextDouble();
            int kind = r.nextInt(5);
            b *= 0.75 + 0.25 * Math.sin(2 * Math.PI * (tw + s.phase * (2 + i % 3)));
            b *= Sky.clamp((s.horizon - y) / (s.horizon * 0.35) + 0.15);
            int col = kind == 0 ? 0xBFD4FF : kind == 1 ? 0xFFE6C4 : s.c(STAR);
            splat(c, x, y, col, Math.min(1, b * 1.6));
            if (b > 0.55 && !s.styleIs("line-art")) {
                c.glow(x, y, 3 + b * s.unit * 0.008, col, b * 0.6);
                if (b > 0.8) {
                    double len = s.unit * 0.012 * b;
                    c.line(x - len, y, x + len, y, col, 0.35);
                    c.line(x, y - len, x, y + len, col, 0.35);
                }
            }
        }
    }

    /** Bilinear single-point splat for crisp but smooth sub-pixel stars. */
    static void splat(Canvas c, double x, double y, int col, double a) {
        int ix = (int) Math.floor(x), iy = (int) Math.floor(y);
        double fx = x - ix, fy = y - iy;
        c.blend(ix, iy, col, a * (1 - fx) * (1 - fy));
        c.blend(ix + 1, iy, col, a * fx * (1 - fy));
        c.blend(ix, iy + 1, col, a * (1 - fx) * fy);
        c.blend(ix + 1, iy + 1, col, a * fx * fy);
    }

    static void milkyWay(Canvas c, Scene s) {
        SplittableRandom r = s.rng("milkyway");
        double ang = Math.toRadians(55 + r.nextDouble() * 70);
        double nx = Math.cos(ang), ny = Math.sin(ang);
        double x0 = c.w * (0.3 + 0.4 * r.nextDouble()), y0 = s.horizon * 0.45;
        double width = s.unit * 0.16;
        Noise field = s.noise("milkyway"), dust = s.noise("dust");
        int glow = Rgb.mix(s.c(ACCENT2), 0xE8E0FF, 0.6), core = Rgb.mix(s.c(ACCENT), 0xFFE0C0, 0.5);
        int f = 4, sw = (c.w + f - 1) / f, sh = (c.h + f - 1) / f;
        int[] light = new int[sw * sh];
        double fs = 1 / (s.unit * 0.12), ds = 1 / (s.unit * 0.08);
        for (int sy = 0; sy < sh; sy++) {
            double y = sy * f + f / 2.0;
            double fade = Sky.clamp((s.horizon - y) / (s.horizon * 0.3));
            for (int sx = 0; sx < sw && fade > 0; sx++) {
                double x = sx * f + f / 2.0;
                double d = ((x - x0) * nx + (y - y0) * ny) / width;
                if (d > 3 || d < -3) {
                    continue;
                }
                double g = Math.exp(-d * d);
                double n = field.fbm(x * fs, y * fs, 5) * 0.5 + 0.5;
                double a = g * (0.25 + 0.75 * n * n) * 0.5 * fade;
                a *= 1 - 0.7 * g * Sky.clamp(dust.fbm(x * ds, y * ds, 4) * 3);
                light[sy * sw + sx] = Rgb.scale(Rgb.mix(glow, core, g * n), a);
            }
        }
        c.screenSmall(light, sw, sh, f, (int) Math.ceil(s.horizon));
        int n = (int) (c.w * (double) c.h / 300.0);
        for (int i = 0; i < n; i++) {
            double t = (r.nextDouble() - 0.5) * 2.4 * Math.max(c.w, c.h);
            double off = r.nextGaussian() * width * 0.6;
            double x = x0 - ny * t + nx * off, y = y0 + nx * t + ny * off;
            if (y < s.horizon && x >= 0 && x < c.w && y >= 0) {
                splat(c, x, y, 0xFFFFFF, Math.pow(r.nextDouble(), 2) * 0.8);
            }
        }
    }

    static void nebula(Canvas c, Scene s) {
        Noise a = s.noise("nebula-a"), b = s.noise("nebula-b"), d = s.noise("nebula-d");
        int ca = s.c(ACCENT), cb = s.c(ACCENT2);
        double drift = s.phase * s.unit * 0.02;
        double sa = 1 / (s.unit * 0.3), sb = 1 / (s.unit * 0.22), sd = 1 / (s.unit * 0.1);
        int f = 4, sw = (c.w + f - 1) / f, sh = (c.h + f - 1) / f;
        int[] light = new int[sw * sh];
        for (int sy = 0; sy < sh; sy++) {
            double y = sy * f + f / 2.0;
            for (int sx = 0; sx < sw; sx++) {
                double x = sx * f + f / 2.0 + drift;
                double va = Sky.clamp(a.fbm(x * sa, y * sa, 5) * 1.6 + 0.1);
                double vb = Sky.clamp(b.fbm(x * sb, y * sb, 5) * 1.6 - 0.05);
                double dust = 1 - 0.6 * Sky.clamp(d.fbm(x * sd, y * sd, 4) * 2.5);
                int la = Rgb.scale(ca, va * va * 0.75 * dust), lb = Rgb.scale(cb, vb * vb * 0.6 * dust);
                light[sy * sw + sx] = Rgb.screen(la, lb, 1);
            }
        }
        c.screenSmall(light, sw, sh, f, c.h);
    }

    static void planet(Canvas c, Scene s) {
        SplittableRandom r = s.rng("planet");
        double cx = c.w * (0.2 + 0.6 * r.nextDouble()), cy = s.horizon * (0.3 + 0.25 * r.nextDouble());
        if (s.showSun && Math.abs(cx - s.sunX) < s.unit * 0.3) {
            cx = c.w - cx;
        }
        double R = s.unit * (0.12 + 0.1 * r.nextDouble());
        boolean rings = r.nextDouble() < 0.55 || s.f.has(Tag.PLANET) && r.nextDouble() < 0.3;
        double tilt = (r.nextDouble() - 0.5) * 0.8;
        double ct = Math.cos(tilt), st = Math.sin(tilt);
        int base = Rgb.mix(s.c(ACCENT2), s.c(HORIZON), 0.2), base2 = Rgb.mix(s.c(ACCENT2), Rgb.mix(s.c(ACCENT), 0xF0E0D0, 0.35), 0.5);
        int ringCol = Rgb.mix(s.c(CLOUD_LIGHT), base2, 0.4);
        double lx = -0.55 * s.lightDir, ly = -0.45, lz = 0.7;
        Noise bands = s.noise("bands");
        c.glow(cx, cy, R * 1.35, s.c(ACCENT2), 0.45);
        double ext = rings ? R * 2.3 : R + 2;
        int x0 = Math.max(0, (int) (cx - ext)), x1 = Math.min(c.w - 1, (int) (cx + ext));
        int y0 = Math.max(0, (int) (cy - ext)), y1 = Math.min(c.h - 1, (int) (cy + ext));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double nx = (x + 0.5 - cx) / R, ny = (y + 0.5 - cy) / R;
                double d2 = nx * nx + ny * ny;
                double u = nx * ct + ny * st, v = (-nx * st + ny * ct) / 0.28;
                double rr = Math.sqrt(u * u + v * v);
                boolean inRing = rings && rr > 1.3 && rr < 2.2;
                int i = y * c.w + x;
                if (inRing && v < 0) {
                    ring(c, i, ringCol, rr, bands);
                }
                double cov = Sky.clamp((1 - Math.sqrt(d2)) * R + 0.5);
                if (cov > 0) {
                    double nz = Math.sqrt(Math.max(0, 1 - d2));
                    double lam = Math.max(0, nx * lx + ny * ly + nz * lz);
                    double lat = -nx * st + ny * ct;
                    double band = bands.fbm(lat * 5 + bands.value(nx * 2, lat * 9) * 0.3, 3) * 0.5 + 0.5;
                    int col = Rgb.mix(base, base2, band);
                    col = Rgb.scale(col, 0.06 + 1.05 * lam);
                    col = Rgb.add(col, s.c(ACCENT2), Math.pow(1 - nz, 3) * 0.5 * (0.3 + lam));
                    c.blend(i, col, cov);
                }
                if (inRing && v >= 0) {
                    ring(c, i, ringCol, rr, bands);
                }
            }
        }
    }

    private static void ring(Canvas c, int i, int col, double rr, Noise n) {
        double t = (rr - 1.3) / 0.9;
        double a = Math.sin(Math.PI * t) * (0.45 + 0.4 * (n.value(rr * 14) * 0.5 + 0.5));
        c.px[i] = Rgb.mix(c.px[i], col, a * 0.85);
    }

    static void aurora(Canvas c, Scene s) {
        Noise n = s.noise("aurora");
        int green = 0x46F5A8, violet = Rgb.mix(0xA05CFF, s.c(ACCENT), 0.3);
        double drift = s.phase * 0.35;
        for (int k = 0; k < 2; k++) {
            double baseY = s.horizon * (0.42 + 0.18 * k), height = s.unit * (0.32 - 0.08 * k);
            double strength = k == 0 ? 1.0 : 0.6;
            for (int x = 0; x < c.w; x++) {
                double xf = x / s.unit;
                double yb = baseY + n.fbm(xf * 1.6 + k * 7 + drift, 3) * s.unit * 0.2;
                double streak = Math.pow(Sky.clamp(n.fbm(xf * 28 + k * 3 + drift * 4, 2) * 0.5 + 0.5), 1.5);
                double env = Sky.clamp(n.fbm(xf * 0.9 - k * 4 + drift * 0.5, 2) * 1.6 + 0.85);
                double col = strength * (0.3 + 0.7 * streak) * env;
                int yTop = Math.max(0, (int) (yb - height)), yBot = Math.min((int) s.horizon, (int) (yb + s.unit * 0.03));
                for (int y = yTop; y < yBot; y++) {
                    double v = (yb - y) / height;
                    double a = v < 0 ? Math.exp(-Math.pow(v * height / (s.unit * 0.012), 2)) : Math.pow(Sky.clamp(1 - v), 1.6);
                    a *= col;
                    int tint = Rgb.mix(green, violet, Math.pow(Sky.clamp(v), 0.8));
                    int i = y * c.w + x;
                    c.px[i] = Rgb.screen(c.px[i], tint, a);
                }
            }
        }
    }
}
