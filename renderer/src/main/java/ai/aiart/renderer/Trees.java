package ai.aiart.renderer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.util.SplittableRandom;

/** Tree silhouettes: tiered pines, round deciduous crowns and palms. */
final class Trees {

    private Trees() {
    }

    static Color colour(int rgb, double alpha) {
        return new Color((rgb & 0xFFFFFF) | ((int) Math.round(Math.max(0, Math.min(1, alpha)) * 255) << 24), true);
    }

    static void pine(Graphics2D g, double x, double base, double hgt, int col, SplittableRandom r, int snow) {
        int tiers = 3 + r.nextInt(3);
        double wid = hgt * (0.36 + 0.12 * r.nextDouble());
        double top = base - hgt;
        double trunk = Math.max(0.6, wid * 0.06);
        double[] ys = new double[tiers + 1], ws = new double[tiers + 1];
        for (int k = 1; k <= tiers; k++) {
            ys[k] = top + hgt * 0.88 * k / tiers;
            ws[k] = wid * (0.3 + 0.7 * k / (double) tiers) * 0.5;
        }
        Path2D p = new Path2D.Double();
        p.moveTo(x, top);
        for (int k = 1; k <= tiers; k++) {
            p.lineTo(x + ws[k], ys[k]);
            if (k < tiers) {
                p.lineTo(x + ws[k] * 0.4, ys[k] - hgt * 0.03);
            }
        }
        p.lineTo(x + trunk, ys[tiers]);
        p.lineTo(x + trunk, base);
        p.lineTo(x - trunk, base);
        p.lineTo(x - trunk, ys[tiers]);
        for (int k = tiers; k >= 1; k--) {
            if (k < tiers) {
                p.lineTo(x - ws[k] * 0.4, ys[k] - hgt * 0.03);
            }
            p.lineTo(x - ws[k], ys[k]);
        }
        p.closePath();
        g.setColor(new Color(col));
        g.fill(p);
        if (snow != -1 && hgt > 6) {
            g.setColor(colour(snow, 0.85));
            for (int k = 1; k <= tiers; k++) {
                double y0 = k == 1 ? top : ys[k - 1] - hgt * 0.03;
                Path2D cap = new Path2D.Double();
                cap.moveTo(x, y0 - (k == 1 ? 0 : hgt * 0.02));
                cap.lineTo(x + ws[k] * 0.55, y0 + (ys[k] - y0) * 0.45);
                cap.lineTo(x, y0 + (ys[k] - y0) * 0.3);
                cap.lineTo(x - ws[k] * 0.55, y0 + (ys[k] - y0) * 0.45);
                cap.closePath();
                g.fill(cap);
            }
        }
    }

    static void round(Graphics2D g, double x, double base, double hgt, int col, int light, int dir,
            SplittableRandom r, boolean detail) {
        double wid = hgt * (0.6 + 0.25 * r.nextDouble());
        double trunkW = Math.max(1, wid * 0.08);
        Path2D trunk = new Path2D.Double();
        trunk.moveTo(x - trunkW, base);
        trunk.lineTo(x - trunkW * 0.45, base - hgt * 0.55);
        trunk.lineTo(x + trunkW * 0.45, base - hgt * 0.55);
        trunk.lineTo(x + trunkW, base);
        trunk.closePath();
        g.setColor(new Color(Rgb.scale(col, 0.7)));
        g.fill(trunk);
        if (hgt > 30) {
            g.setStroke(new BasicStroke((float) (trunkW * 0.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Line2D.Double(x, base - hgt * 0.35, x - wid * 0.22, base - hgt * 0.6));
            g.draw(new java.awt.geom.Line2D.Double(x, base - hgt * 0.42, x + wid * 0.2, base - hgt * 0.65));
        }
        double cy = base - hgt * 0.64, ry = hgt * 0.33, rx = wid * 0.45;
        int blobs = hgt > 20 ? 7 : 3;
        double[][] b = new double[blobs][];
        for (int i = 0; i < blobs; i++) {
            double a = i == 0 ? 0 : (i - 1) * Math.PI * 2 / (blobs - 1) + r.nextDouble() * 0.6;
            double d = i == 0 ? 0 : 0.55 + 0.2 * r.nextDouble();
            double rr = (i == 0 ? 0.75 : 0.45 + 0.15 * r.nextDouble());
            b[i] = new double[] {x + Math.cos(a) * rx * d, cy + Math.sin(a) * ry * d * 0.85, rx * rr, ry * rr};
        }
        g.setColor(new Color(col));
        for (double[] e : b) {
            g.fill(new Ellipse2D.Double(e[0] - e[2], e[1] - e[3], e[2] * 2, e[3] * 2));
        }
        if (detail) {
            g.setColor(colour(light, 0.35));
            for (double[] e : b) {
                if (e[1] < cy + ry * 0.1) {
                    double k = 0.6;
                    g.fill(new Ellipse2D.Double(e[0] - e[2] * k + dir * e[2] * 0.25, e[1] - e[3] * 0.95, e[2] * 2 * k, e[3] * 1.2 * k));
                }
            }
        }
    }

    static void palm(Graphics2D g, double x, double base, double hgt, int col, SplittableRandom r) {
        double lean = (r.nextDouble() - 0.5) * hgt * 0.5;
        double tx = x + lean, ty = base - hgt;
        g.setColor(new Color(col));
        g.setStroke(new BasicStroke((float) Math.max(1.2, hgt * 0.045), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new QuadCurve2D.Double(x, base, x + lean * 0.1, base - hgt * 0.55, tx, ty));
        int fronds = 6 + r.nextInt(3);
        for (int i = 0; i < fronds; i++) {
            double a = Math.PI * (i + 0.5) / fronds + (r.nextDouble() - 0.5) * 0.3;
            double len = hgt * (0.38 + 0.15 * r.nextDouble());
            double dx = -Math.cos(a) * len, dy = -Math.sin(a) * len * 0.55;
            double ex = tx + dx, ey = ty + dy + len * 0.45;
            double mx = tx + dx * 0.55, my = ty + dy * 1.1 - len * 0.1;
            double th = len * 0.09;
            Path2D p = new Path2D.Double();
            p.moveTo(tx, ty);
            p.quadTo(mx, my - th, ex, ey);
            p.quadTo(mx, my + th, tx, ty);
            p.closePath();
            g.fill(p);
        }
    }
}
