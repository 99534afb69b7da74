package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import ai.aiart.renderer.Layers.Layer;
import ai.aiart.renderer.Layers.TreeKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Things standing on a terrain layer: trees, castles, cabins and flowers. */
final class Props {

    private Props() {
    }

    static void decorate(Canvas c, Scene s, Layer l, float[] top, int colour, int yEnd) {
        if (l.flowers) {
            flowers(c, s, l, top, yEnd);
        }
        boolean trees = l.trees != TreeKind.NONE && !s.f.suppressed.contains(Tag.TREES);
        if (l.lighthouse) {
            Landmarks.lighthouse(c, s, top);
        }
        if (!trees && !l.castle && !l.cabins) {
            return;
        }
        Graphics2D g = c.graphics();
        SplittableRandom r = s.rng("props-" + l.id);
        if (l.castle) {
            castle(c, g, s, l, top, Rgb.scale(colour, 0.92), r);
        }
        double[][] spots = l.cabins ? cabinSpots(s, l, top, r) : new double[0][];
        if (trees && l.loneTree) {
            lone(g, s, l, top, colour, r);
        } else if (trees && l.trees == TreeKind.PALM) {
            palms(g, s, l, top, colour, r);
        } else if (trees) {
            trees(g, s, l, top, colour, spots);
        }
        for (double[] spot : spots) {
            cabin(c, g, s, top, colour, spot);
        }
        g.dispose();
    }

    private static void trees(Graphics2D g, Scene s, Layer l, float[] top, int colour, double[][] clear) {
        Noise n = s.noise("grove-" + l.id);
        double pan = s.pan(l.depth);
        boolean dense = l.treeDensity > 0.7;
        double step = Math.max(1, l.treeSize * (dense ? 0.3 : 0.5));
        int treeCol = Rgb.scale(colour, l.trees == TreeKind.ROUND ? 1 : 0.93);
        if (l.trees == TreeKind.ROUND) {
            int crown = s.f.has(Tag.BLOSSOM) ? Rgb.mix(s.c(BLOSSOM), s.c(FOLIAGE), 0.15)
                    : Rgb.mix(s.c(FOLIAGE), s.c(FOLIAGE_NEAR), l.depth);
            treeCol = Rgb.mix(colour, crown, s.f.hasAny(Tag.BLOSSOM, Tag.AUTUMN) ? 0.8 : 0.5);
            treeCol = Rgb.mix(s.c(HAZE), treeCol, 0.35 + 0.65 * l.depth);
        }
        int light = Rgb.mix(treeCol, s.c(LIT), 0.35);
        int snow = s.f.hasAny(Tag.SNOW, Tag.WINTER) ? Rgb.mix(s.c(SNOW), s.c(HAZE), 0.5 - l.depth * 0.5) : -1;
        double threshold = 1 - 2 * l.treeDensity;
        long salt = Noise.mix(s.seed ^ l.id.hashCode());
        int k0 = (int) Math.floor((pan - step * 3) / step), k1 = (int) Math.ceil((pan + s.w + step * 3) / step);
        for (int k = k0; k <= k1; k++) {
            SplittableRandom r = new SplittableRandom(Noise.mix(salt + k));
            double x = (k + r.nextDouble() * 0.9) * step;
            double presence = n.fbm(x / s.unit * 2.5, 3) * 1.4 + (r.nextDouble() - 0.5) * 0.5;
            if (presence < threshold) {
                continue;
            }
            double sx = x - pan;
            int xi = (int) Math.max(0, Math.min(s.w, sx));
            if (top[xi] > s.h || nearAny(sx, clear)) {
                continue;
            }
            double hgt = l.treeSize * (0.6 + 0.6 * r.nextDouble());
            double base = top[xi] + hgt * 0.08 + (dense ? r.nextDouble() * l.treeSize * 0.15 : 0);
            switch (l.trees) {
                case PINE -> Trees.pine(g, sx, base, hgt, treeCol, r, snow);
                case ROUND -> Trees.round(g, sx, base, hgt * 0.9, treeCol, light, -s.lightDir, r, l.depth > 0.5 && !s.night());
                case PALM -> Trees.palm(g, sx, base, hgt * 1.3, treeCol, r);
                default -> { }
            }
        }
    }

    /** One big tree standing off-centre on the nearest hill. */
    private static void lone(Graphics2D g, Scene s, Layer l, float[] top, int colour, SplittableRandom r) {
        double t = r.nextBoolean() ? 0.28 + 0.1 * r.nextDouble() : 0.62 + 0.1 * r.nextDouble();
        int x = (int) Math.max(0, Math.min(s.w, s.w * t - s.pan(l.depth)));
        double hgt = Math.min(s.unit * 0.42, (top[x] - s.h * 0.15) * 0.9);
        int col = Rgb.mix(colour, Rgb.scale(s.c(LAND_NEAR), 0.8), 0.5);
        int crown = s.f.has(Tag.BLOSSOM) ? Rgb.mix(s.c(BLOSSOM), col, 0.25) : s.f.has(Tag.AUTUMN) ? Rgb.mix(s.c(FOLIAGE), col, 0.4) : col;
        switch (l.trees) {
            case PINE -> Trees.pine(g, x, top[x] + hgt * 0.04, hgt, col, r, -1);
            case PALM -> Trees.palm(g, x, top[x] + hgt * 0.04, hgt, col, r);
            default -> Trees.round(g, x, top[x] + hgt * 0.04, hgt, crown, Rgb.mix(crown, s.c(LIT), 0.3), -s.lightDir, r,
                    !s.night());
        }
    }

    private static void palms(Graphics2D g, Scene s, Layer l, float[] top, int colour, SplittableRandom r) {
        int from = 0, to = s.w;
        while (from < s.w && top[from] > s.h) {
            from++;
        }
        while (to > from && top[to] > s.h) {
            to--;
        }
        if (to <= from) {
            return;
        }
        boolean island = l.kind == Layers.Kind.ISLAND;
        int n = island ? 2 + r.nextInt(2) : 1 + r.nextInt(3);
        int col = Rgb.mix(s.c(HAZE), Rgb.mix(s.c(LAND_NEAR), s.c(FOLIAGE_NEAR), 0.5), 0.55 + 0.45 * l.depth);
        double pan = s.pan(l.depth);
        for (int i = 0; i < n; i++) {
            double t = island ? 0.3 + 0.4 * r.nextDouble()
                    : (i % 2 == 0 ? 0.02 + 0.2 * r.nextDouble() : 0.78 + 0.2 * r.nextDouble());
            int x = (int) Math.max(0, Math.min(s.w, from + (to - from) * t - (island ? 0 : pan)));
            double hgt = l.treeSize * (0.75 + 0.5 * r.nextDouble());
            Trees.palm(g, x, top[x] + hgt * 0.04, hgt, col, r);
        }
    }

    private static int highest(float[] top, int from, int to) {
        int best = from;
        for (int x = from; x < to; x++) {
            if (top[x] < top[best]) {
                best = x;
            }
        }
        return best;
    }

    private static void castle(Canvas c, Graphics2D g, Scene s, Layer l, float[] top, int col, SplittableRandom r) {
        int shift = (int) Math.round(s.pan(l.depth));
        int x = highest(top, Math.max(0, s.w / 5 - shift), Math.max(1, s.w * 4 / 5 - shift));
        double size = s.unit * (0.1 + 0.05 * r.nextDouble());
        double base = top[x] + size * 0.12;
        g.setColor(new Color(col));
        int towers = 3 + r.nextInt(3);
        double span = size * 1.3;
        for (int i = 0; i < towers; i++) {
            double t = towers == 1 ? 0.5 : i / (double) (towers - 1);
            double tx = x - span / 2 + span * t;
            double th = size * (i == towers / 2 ? 1.25 : 0.55 + 0.35 * r.nextDouble());
            double tw = size * (0.12 + 0.06 * r.nextDouble());
            g.fill(new Rectangle2D.Double(tx - tw / 2, base - th, tw, th));
            Path2D roof = new Path2D.Double();
            roof.moveTo(tx - tw * 0.7, base - th);
            roof.lineTo(tx, base - th - tw * 1.6);
            roof.lineTo(tx + tw * 0.7, base - th);
            roof.closePath();
            g.fill(roof);
            if (s.night() && r.nextDouble() < 0.7) {
                c.fillRect((int) (tx - 1), (int) (base - th * 0.7), (int) (tx + Math.max(2, tw * 0.2)),
                        (int) (base - th * 0.7 + Math.max(2, tw * 0.35)), s.c(WINDOW), 0.9);
                c.glow(tx, base - th * 0.65, tw * 1.5, s.c(WINDOW), 0.4);
            }
        }
        g.fill(new Rectangle2D.Double(x - span / 2, base - size * 0.4, span, size * 0.4 + 2));
        double merlon = Math.max(1.5, size * 0.04);
        for (double mx = x - span / 2; mx < x + span / 2; mx += merlon * 2) {
            g.fill(new Rectangle2D.Double(mx, base - size * 0.4 - merlon, merlon, merlon + 1));
        }
    }

    private static boolean nearAny(double x, double[][] spots) {
        for (double[] sp : spots) {
            if (Math.abs(x - sp[0]) < sp[1] * 0.9) {
                return true;
            }
        }
        return false;
    }

    /** Where cabins stand on this layer: {x, size} pairs, clear of the image edges. */
    private static double[][] cabinSpots(Scene s, Layer l, float[] top, SplittableRandom r) {
        int n = 1 + r.nextInt(s.f.weight(Tag.CABIN) > 1 || s.f.has(Tag.CITY) ? 4 : 2);
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double size = s.unit * (0.05 + 0.06 * l.depth) * (0.8 + 0.4 * r.nextDouble());
            int x = (int) (s.w * (0.15 + 0.7 * r.nextDouble()) - s.pan(l.depth));
            if (x > 0 && x < s.w && top[x] < s.h - size && !nearAny(x, out.toArray(new double[0][]))) {
                out.add(new double[] {x, size});
            }
        }
        return out.toArray(new double[0][]);
    }

    private static void cabin(Canvas c, Graphics2D g, Scene s, float[] top, int col, double[] spot) {
        int x = (int) spot[0];
        double size = spot[1];
        double base = Math.max(top[Math.max(0, x - (int) (size / 2))], top[Math.min(s.w, x + (int) (size / 2))]) + size * 0.1;
        int wall = Rgb.mix(col, s.c(LIT), 0.18), roofCol = Rgb.scale(col, 0.7);
        g.setColor(new Color(wall));
        g.fill(new Rectangle2D.Double(x - size * 0.5, base - size * 0.6, size, size * 0.6 + 2));
        g.setColor(new Color(roofCol));
        Path2D roof = new Path2D.Double();
        roof.moveTo(x - size * 0.65, base - size * 0.58);
        roof.lineTo(x, base - size * 1.05);
        roof.lineTo(x + size * 0.65, base - size * 0.58);
        roof.closePath();
        g.fill(roof);
        g.fill(new Rectangle2D.Double(x + size * 0.2, base - size * 1.0, size * 0.12, size * 0.3));
        boolean lit = s.night() || s.f.time == Tag.SUNSET || s.f.has(Tag.WINTER) || s.f.has(Tag.CABIN);
        int win = lit ? s.c(WINDOW) : Rgb.mix(wall, s.c(SKY_LOW), 0.5);
        double ws = size * 0.16;
        c.fillRect((int) (x - size * 0.3), (int) (base - size * 0.42), (int) (x - size * 0.3 + ws),
                (int) (base - size * 0.42 + ws), win, 1);
        c.fillRect((int) (x + size * 0.1), (int) (base - size * 0.42), (int) (x + size * 0.1 + ws),
                (int) (base - size * 0.42 + ws), win, 1);
        if (lit) {
            c.glow(x, base - size * 0.35, size * 1.2, s.c(WINDOW), 0.3);
        }
    }

    private static void flowers(Canvas c, Scene s, Layer l, float[] top, int yEnd) {
        SplittableRandom r = s.rng("flowers-" + l.id);
        int n = (int) (s.w * (s.h - s.horizon) / 700.0);
        int bloom = s.c(BLOSSOM);
        int[] cols = {bloom, Rgb.shiftHue(bloom, 25), Rgb.mix(bloom, 0xFFFFFF, 0.5), s.c(ACCENT), Rgb.shiftHue(bloom, -30)};
        for (int i = 0; i < n; i++) {
            int x = (int) (r.nextInt(s.w + s.w / 8) - s.pan(l.depth));
            if (x < 0 || x >= s.w) {
                continue;
            }
            double t0 = top[x];
            if (t0 >= yEnd - 2) {
                continue;
            }
            double v = Math.pow(r.nextDouble(), 0.7);
            double y = t0 + (yEnd - t0) * v + 2;
            double rad = s.unit * (0.0015 + 0.007 * v * v) * (0.6 + 0.8 * r.nextDouble());
            int col = cols[r.nextInt(cols.length)];
            double fade = 0.55 + 0.45 * v;
            c.disc(x, y, rad, Rgb.mix(s.c(HAZE), col, fade), 0.95);
            if (rad > 2.5) {
                c.disc(x, y, rad * 0.35, Rgb.mix(col, 0xFFF2A0, 0.7), 0.9);
            }
        }
    }
}
