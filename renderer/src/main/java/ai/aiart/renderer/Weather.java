package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** Atmosphere drawn over the land: fog banks, rain, snow, lightning, glowing particles and birds. */
final class Weather {

    private Weather() {
    }

    /** Soft horizontal mist bands around {@code centreY}, drifting with the animation. */
    static void fogBand(Canvas c, Scene s, double centreY, double thickness, double strength, String id) {
        Noise.Field n = s.noise("fog-" + id).field(c.w, c.h, 8, 1 / (s.unit * 0.25), 1 / (s.unit * 0.06), 4,
                s.phase * s.unit * 0.15, 0);
        int col = Rgb.mix(s.c(HAZE), s.c(CLOUD_LIGHT), 0.35);
        int y0 = Math.max(0, (int) (centreY - thickness * 2.5)), y1 = Math.min(c.h, (int) (centreY + thickness * 2.5));
        for (int y = y0; y < y1; y++) {
            double dy = (y - centreY) / thickness;
            double prof = Math.exp(-dy * dy) * strength;
            for (int x = 0; x < c.w; x++) {
                double a = prof * Sky.clamp(0.45 + n.at(x, y) * 1.2);
                c.blend(y * c.w + x, col, a);
            }
        }
    }

    static void paint(Canvas c, Scene s) {
        if (s.f.has(Tag.FOG)) {
            fogBand(c, s, s.horizon + (c.h - s.horizon) * 0.55, s.unit * 0.06, 0.55, "low");
        }
        if (s.f.has(Tag.BALLOONS)) {
            Landmarks.balloons(c, s);
        }
        if (s.f.has(Tag.BIRDS)) {
            birds(c, s);
        }
        if (s.f.has(Tag.STORM) && s.rng("bolt").nextDouble() < 0.75) {
            lightning(c, s);
        }
        if (s.f.has(Tag.RAIN)) {
            rain(c, s);
        }
        if (s.f.has(Tag.SNOW)) {
            snow(c, s);
        }
        boolean fineDetail = !s.styleIs("line-art") && !s.styleIs("low-poly");
        if ((s.f.has(Tag.EMBERS) && !s.f.has(Tag.VOLCANO) || s.f.has(Tag.FANTASY)) && fineDetail) {
            sparks(c, s);
        }
    }

    private static void rain(Canvas c, Scene s) {
        SplittableRandom r = s.rng("rain");
        int n = (int) (c.w * (double) c.h / 1400.0 * (s.f.has(Tag.STORM) ? 1.5 : 1));
        double wind = (r.nextDouble() - 0.5) * 0.5;
        int col = Rgb.mix(s.c(CLOUD_LIGHT), 0xFFFFFF, 0.4);
        for (int i = 0; i < n; i++) {
            double z = r.nextDouble();
            double len = s.unit * (0.012 + 0.035 * z);
            double x = r.nextDouble() * (c.w + len), y = r.nextDouble() * c.h;
            y = (y + s.phase * c.h * 3 * (0.6 + z)) % c.h;
            x = ((x + wind * (y - len)) % c.w + c.w) % c.w;
            c.line(x, y, x + wind * len, y + len, col, 0.12 + 0.28 * z);
        }
    }

    private static void snow(Canvas c, Scene s) {
        SplittableRandom r = s.rng("snow");
        int n = (int) (c.w * (double) c.h / 2200.0);
        for (int i = 0; i < n; i++) {
            double z = Math.pow(r.nextDouble(), 2);
            double rad = s.unit * (0.0012 + 0.0045 * z);
            double x = r.nextDouble() * c.w, y = r.nextDouble() * c.h;
            double sway = r.nextDouble() * 6.283;
            y = (y + s.phase * c.h * 0.4 * (0.5 + z)) % c.h;
            x += Math.sin(sway + s.phase * 6.283) * s.unit * 0.01;
            c.disc(x, y, rad, 0xFFFFFF, 0.55 + 0.4 * z);
        }
    }

    private static void lightning(Canvas c, Scene s) {
        SplittableRandom r = s.rng("bolt");
        double x = c.w * (0.2 + 0.6 * r.nextDouble()), y = s.horizon * 0.1;
        Path2D main = new Path2D.Double();
        main.moveTo(x, y);
        Path2D branches = new Path2D.Double();
        double end = s.horizon * (0.9 + 0.1 * r.nextDouble());
        while (y < end) {
            x += (r.nextDouble() - 0.5) * s.unit * 0.06;
            y += s.unit * (0.015 + 0.03 * r.nextDouble());
            main.lineTo(x, y);
            if (r.nextDouble() < 0.2) {
                branches.moveTo(x, y);
                double bx = x, by = y;
                for (int k = 0; k < 4; k++) {
                    bx += (r.nextDouble() - 0.3) * s.unit * 0.04 * (x > c.w / 2.0 ? 1 : -1);
                    by += s.unit * 0.02;
                    branches.lineTo(bx, by);
                }
            }
        }
        c.glow(x, s.horizon * 0.5, s.unit * 0.6, 0xC8D8FF, 0.3);
        Graphics2D g = c.graphics();
        g.setColor(Trees.colour(0xB8C8FF, 0.25));
        g.setStroke(new BasicStroke((float) (s.unit * 0.012), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(main);
        g.setColor(Trees.colour(0xFFFFFF, 0.95));
        g.setStroke(new BasicStroke((float) Math.max(1.2, s.unit * 0.0025), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(main);
        g.setStroke(new BasicStroke((float) Math.max(0.8, s.unit * 0.0012)));
        g.draw(branches);
        g.dispose();
    }

    private static void sparks(Canvas c, Scene s) {
        SplittableRandom r = s.rng("sparks");
        boolean embers = s.f.has(Tag.EMBERS) && !s.f.has(Tag.FANTASY);
        int n = (int) ((embers ? 50 : 70) * (c.w * (double) c.h) / (1024.0 * 1024)) + 20;
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * c.w;
            double y = s.horizon + (c.h - s.horizon) * (r.nextDouble() * 1.1 - 0.35);
            double speed = 0.5 + r.nextDouble();
            y -= s.phase * s.unit * 0.15 * speed;
            x += Math.sin(r.nextDouble() * 6.283 + s.phase * 6.283) * s.unit * 0.01;
            double b = 0.4 + 0.6 * r.nextDouble();
            b *= 0.7 + 0.3 * Math.sin(r.nextDouble() * 6.283 + s.phase * 12.566);
            int col = embers ? (r.nextBoolean() ? s.c(ACCENT) : s.c(ACCENT2)) : (r.nextDouble() < 0.6 ? s.c(ACCENT) : s.c(ACCENT2));
            double rad = s.unit * (0.0008 + 0.0017 * r.nextDouble());
            c.glow(x, y, rad * 7, col, 0.45 * b);
            c.disc(x, y, rad, Rgb.mix(col, 0xFFFFFF, 0.6), b);
        }
    }

    private static void birds(Canvas c, Scene s) {
        SplittableRandom r = s.rng("birds");
        int n = 3 + r.nextInt(6);
        double fx = c.w * (0.2 + 0.6 * r.nextDouble()), fy = s.horizon * (0.25 + 0.35 * r.nextDouble());
        Graphics2D g = c.graphics();
        int col = Rgb.mix(s.c(LAND_NEAR), s.c(HAZE), 0.25);
        g.setColor(Trees.colour(col, 0.9));
        for (int i = 0; i < n; i++) {
            double size = s.unit * (0.008 + 0.012 * r.nextDouble());
            double x = fx + (r.nextDouble() - 0.5) * s.unit * 0.3 + s.phase * s.unit * 0.12;
            double y = fy + (r.nextDouble() - 0.5) * s.unit * 0.12;
            double flap = Math.sin(r.nextDouble() * 6.283 + s.phase * 6.283 * 4) * 0.5;
            g.setStroke(new BasicStroke((float) Math.max(1, size * 0.18), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D p = new Path2D.Double();
            p.moveTo(x - size, y - size * (0.3 + flap));
            p.quadTo(x - size * 0.45, y - size * 0.45, x, y);
            p.quadTo(x + size * 0.45, y - size * 0.45, x + size, y - size * (0.3 + flap));
            g.draw(p);
        }
        g.dispose();
    }

    /** Synthwave floor: a dark plane ruled by a neon perspective grid scrolling toward the viewer. */
    static void retroGrid(Canvas c, Scene s) {
        int y0 = (int) Math.ceil(s.horizon);
        int floor = Rgb.mix(s.c(LAND_NEAR), 0x000000, 0.3), line = s.c(ACCENT2);
        double depth = c.h - s.horizon;
        double vx = c.w / 2.0;
        double camH = depth / (s.unit * 0.12);
        double zs = 0.25, shift = s.phase;
        for (int y = y0; y < c.h; y++) {
            double dy = y + 0.5 - s.horizon;
            double half = 0.6 + 1.6 * dy / depth;
            double z = depth / dy;
            double m = Math.round(z / zs - shift);
            double dyLine = depth / ((m + shift) * zs);
            double rowA = Sky.clamp(1 - Math.abs(dy - dyLine) / half);
            double fade = Sky.clamp(dy / (depth * 0.1));
            int base = Rgb.mix(s.c(HAZE), floor, Sky.clamp(dy / (depth * 0.25)));
            for (int x = 0; x < c.w; x++) {
                double gx = (x + 0.5 - vx) * camH / dy;
                double pd = Math.abs(gx - Math.round(gx)) * dy / camH;
                double a = Math.max(rowA, Sky.clamp(1 - pd / half)) * fade;
                double glow = Math.max(Sky.clamp(1 - pd / (half * 5)), Sky.clamp(1 - Math.abs(dy - dyLine) / (half * 5)));
                int col = Rgb.mix(base, line, Math.min(1, a * 0.95 + glow * 0.25 * fade));
                c.px[y * c.w + x] = col;
            }
        }
    }
}
