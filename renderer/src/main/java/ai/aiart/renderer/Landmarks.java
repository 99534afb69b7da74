package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Eye-catching set pieces: hot-air balloons in the sky and a lighthouse on a sea cliff. */
final class Landmarks {

    private static final int[] BALLOON_COLOURS = {0xE94F37, 0xF6C90E, 0x3F88C5, 0x44BBA4, 0xF18F01, 0xC73E6B, 0x7B5EA7};

    private Landmarks() {
    }

    static void balloons(Canvas c, Scene s) {
        SplittableRandom r = s.rng("balloons");
        int n = 3 + r.nextInt(4);
        double[][] spots = new double[n][];
        for (int i = 0; i < n; i++) {
            double depth = (i + r.nextDouble()) / n;
            double size = s.unit * (0.025 + 0.06 * depth);
            double x = 0, y = 0;
            for (int attempt = 0; attempt < 8; attempt++) {
                x = c.w * (0.08 + 0.84 * r.nextDouble());
                y = s.horizon * (0.15 + 0.55 * r.nextDouble());
                boolean clear = true;
                for (int k = 0; k < i; k++) {
                    clear &= Math.hypot(x - spots[k][0], y - spots[k][1]) > (size + spots[k][2]) * 1.5;
                }
                if (clear) {
                    break;
                }
            }
            spots[i] = new double[] {x, y, size, depth};
        }
        Graphics2D g = c.graphics();
        for (double[] spot : spots) {
            double depth = spot[3], size = spot[2];
            double x = spot[0] + s.phase * s.unit * 0.03 * (0.5 + depth);
            double y = spot[1] - s.phase * s.unit * 0.02;
            int a = BALLOON_COLOURS[r.nextInt(BALLOON_COLOURS.length)], b = BALLOON_COLOURS[r.nextInt(BALLOON_COLOURS.length)];
            if (a == b) {
                b = 0xFFF4E0;
            }
            double fade = 0.45 + 0.55 * depth;
            a = Rgb.mix(s.c(HAZE), Rgb.mix(a, s.c(SUN_GLOW), 0.15), fade);
            b = Rgb.mix(s.c(HAZE), Rgb.mix(b, s.c(SUN_GLOW), 0.15), fade);
            if (s.night()) {
                a = Rgb.scale(a, 0.45);
                b = Rgb.scale(b, 0.45);
            }
            balloon(g, x, y, size, a, b, s.lightDir);
        }
        g.dispose();
    }

    private static void balloon(Graphics2D g, double x, double y, double r, int a, int b, int lightDir) {
        Path2D env = new Path2D.Double();
        env.append(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), false);
        Path2D cone = new Path2D.Double();
        cone.moveTo(x - r * 0.97, y + r * 0.2);
        cone.quadTo(x - r * 0.7, y + r * 1.05, x - r * 0.28, y + r * 1.35);
        cone.lineTo(x + r * 0.28, y + r * 1.35);
        cone.quadTo(x + r * 0.7, y + r * 1.05, x + r * 0.97, y + r * 0.2);
        cone.closePath();
        Area shape = new Area(env);
        shape.add(new Area(cone));
        Shape oldClip = g.getClip();
        g.setClip(shape);
        int gores = 6;
        for (int k = 0; k < gores; k++) {
            g.setColor(new Color(k % 2 == 0 ? a : b));
            double x0 = x - r + 2 * r * k / gores, x1 = x - r + 2 * r * (k + 1) / gores;
            g.fill(new Rectangle2D.Double(x0 - 0.5, y - r - 1, x1 - x0 + 1, r * 2.5));
        }
        g.setColor(Trees.colour(0x000000, 0.22));
        g.fill(new Ellipse2D.Double(x - r + lightDir * -r * 0.55, y - r * 1.1, 2 * r * 1.1, 2.6 * r));
        g.setColor(Trees.colour(0xFFFFFF, 0.18));
        g.fill(new Ellipse2D.Double(x - r * 0.55 + lightDir * r * 0.25, y - r * 0.8, r * 0.6, r * 0.9));
        g.setClip(oldClip);
        int dark = Rgb.scale(Rgb.mix(a, b, 0.5), 0.35);
        g.setColor(new Color(dark));
        g.setStroke(new java.awt.BasicStroke((float) Math.max(0.7, r * 0.03)));
        g.draw(new java.awt.geom.Line2D.Double(x - r * 0.28, y + r * 1.35, x - r * 0.16, y + r * 1.6));
        g.draw(new java.awt.geom.Line2D.Double(x + r * 0.28, y + r * 1.35, x + r * 0.16, y + r * 1.6));
        g.fill(new Rectangle2D.Double(x - r * 0.17, y + r * 1.58, r * 0.34, r * 0.24));
    }

    /** A striped lighthouse on the high side of the shore profile, with a beam after dark. */
    static void lighthouse(Canvas c, Scene s, float[] top) {
        int best = 0;
        for (int x = 0; x < top.length; x++) {
            if (top[x] < top[best]) {
                best = x;
            }
        }
        int x = (int) (best < s.w / 2 ? s.w * 0.16 : s.w * 0.84);
        double base = top[x] + s.unit * 0.01;
        double hgt = s.unit * 0.22, bw = s.unit * 0.05, tw = s.unit * 0.032;
        double topY = base - hgt;
        Graphics2D g = c.graphics();
        boolean dark = s.night() || s.f.time == Tag.SUNSET;
        int white = Rgb.mix(0xF4F0E8, s.c(HAZE), 0.25), red = Rgb.mix(0xC8383A, s.c(HAZE), 0.2);
        if (s.night()) {
            white = Rgb.mix(white, s.c(LAND_NEAR), 0.6);
            red = Rgb.mix(red, s.c(LAND_NEAR), 0.6);
        }
        int bands = 4;
        for (int k = 0; k < bands; k++) {
            double y0 = base - hgt * k / bands, y1 = base - hgt * (k + 1) / bands;
            double w0 = bw + (tw - bw) * k / bands, w1 = bw + (tw - bw) * (k + 1) / bands;
            Path2D p = new Path2D.Double();
            p.moveTo(x - w0 / 2, y0);
            p.lineTo(x - w1 / 2, y1 - 0.5);
            p.lineTo(x + w1 / 2, y1 - 0.5);
            p.lineTo(x + w0 / 2, y0);
            p.closePath();
            g.setColor(new Color(k % 2 == 0 ? white : red));
            g.fill(p);
        }
        g.setColor(Trees.colour(0x000000, 0.18));
        g.fill(new Rectangle2D.Double(x + (s.lightDir > 0 ? -bw / 2 : 0), topY, bw / 2, hgt));
        int iron = Rgb.mix(0x2A2A30, s.c(HAZE), 0.2);
        g.setColor(new Color(iron));
        g.fill(new Rectangle2D.Double(x - tw * 0.75, topY - tw * 0.12, tw * 1.5, tw * 0.14));
        int lamp = dark ? 0xFFE9A0 : Rgb.mix(0xFFF4D0, s.c(SKY_LOW), 0.3);
        g.setColor(new Color(lamp));
        g.fill(new Rectangle2D.Double(x - tw * 0.35, topY - tw * 0.62, tw * 0.7, tw * 0.5));
        Path2D roof = new Path2D.Double();
        roof.moveTo(x - tw * 0.5, topY - tw * 0.6);
        roof.lineTo(x, topY - tw * 1.05);
        roof.lineTo(x + tw * 0.5, topY - tw * 0.6);
        roof.closePath();
        g.setColor(new Color(iron));
        g.fill(roof);
        double ly = topY - tw * 0.37;
        if (dark) {
            double ang = Math.PI + (x > s.w / 2 ? 0.1 : -Math.PI - 0.1) + Math.sin(s.phase * Math.PI * 2) * 0.12;
            double len = s.unit * 0.9, spread = 0.07;
            Path2D beam = new Path2D.Double();
            beam.moveTo(x, ly);
            beam.lineTo(x + Math.cos(ang - spread) * len, ly + Math.sin(ang - spread) * len);
            beam.lineTo(x + Math.cos(ang + spread) * len, ly + Math.sin(ang + spread) * len);
            beam.closePath();
            g.setColor(Trees.colour(0xFFF0B0, 0.16));
            g.fill(beam);
        }
        g.dispose();
        c.glow(x, ly, s.unit * (dark ? 0.08 : 0.02), 0xFFE9A0, dark ? 0.8 : 0.3);
    }
}
