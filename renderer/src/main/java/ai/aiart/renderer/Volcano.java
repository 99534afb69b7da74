package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import ai.aiart.renderer.Layers.Layer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** The volcano's crater glow, lava streams and smoke plume. */
final class Volcano {

    private Volcano() {
    }

    static void decorate(Canvas c, Scene s, Layer l, float[] top) {
        int peak = 0;
        for (int x = 1; x < top.length; x++) {
            if (top[x] < top[peak]) {
                peak = x;
            }
        }
        double cx = peak, cy = top[peak] + s.unit * 0.005;
        SplittableRandom r = s.rng("volcano");
        Noise n = s.noise("lava");
        Graphics2D g = c.graphics();
        int lava = s.c(ACCENT), hot = s.c(ACCENT2);
        int streams = 2 + r.nextInt(3);
        for (int i = 0; i < streams; i++) {
            Path2D p = new Path2D.Double();
            double x = cx + (r.nextDouble() - 0.5) * s.unit * 0.04, y = cy;
            double dir = r.nextBoolean() ? 1 : -1;
            p.moveTo(x, y);
            double len = s.unit * (0.08 + 0.15 * r.nextDouble());
            for (double t = 0; t < len; t += 3) {
                int xi = (int) Math.max(0, Math.min(top.length - 1, x));
                y = Math.max(y + 1.5, top[xi] + 2);
                x += dir * (0.9 + 0.6 * n.value(t * 0.05 + i * 10)) * 1.2;
                p.lineTo(x, y);
            }
            g.setColor(new Color((lava & 0xFFFFFF) | 0x66000000, true));
            g.setStroke(new BasicStroke((float) (s.unit * 0.012), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
            g.setColor(new Color(hot));
            g.setStroke(new BasicStroke((float) Math.max(1, s.unit * 0.0035), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
        }
        int smoke = Rgb.mix(s.c(CLOUD_SHADOW), 0x2A2424, 0.6);
        double drift = s.lightDir * -1;
        int puffs = 22;
        for (int i = puffs - 1; i >= 0; i--) {
            double t = (i + s.phase * 2) / puffs;
            double rad = s.unit * (0.025 + 0.09 * t);
            double px = cx + drift * t * t * s.unit * 0.5 + (r.nextDouble() - 0.5) * rad;
            double py = cy - t * s.unit * 0.55 - rad * 0.5;
            int col = Rgb.mix(smoke, lava, Math.max(0, 0.55 - t * 2));
            g.setColor(new Color((col & 0xFFFFFF) | ((int) (255 * (0.55 - 0.25 * t)) << 24), true));
            g.fill(new Ellipse2D.Double(px - rad, py - rad * 0.85, rad * 2, rad * 1.7));
        }
        g.dispose();
        for (int i = 0; i < 45; i++) {
            double t = (r.nextDouble() + s.phase) % 1;
            double ex = cx + r.nextGaussian() * s.unit * 0.05 * (0.3 + t * 2);
            double ey = cy - t * s.unit * 0.45;
            double rad = s.unit * (0.001 + 0.0015 * r.nextDouble());
            double b = (1 - t) * (0.5 + 0.5 * r.nextDouble());
            c.glow(ex, ey, rad * 7, lava, 0.5 * b);
            c.disc(ex, ey, rad, hot, b);
        }
        c.glow(cx, cy, s.unit * 0.1, hot, 0.9);
        c.glow(cx, cy, s.unit * 0.35, lava, 0.35);
    }
}
