package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import ai.aiart.renderer.Layers.Layer;
import java.util.List;
import java.util.SplittableRandom;

/** Skylines: building profiles with spires and antennas, lit windows and neon signs. */
final class City {

    private City() {
    }

    /** Builds the skyline profile; adds {x0, x1, roofY} for every building to {@code out}. */
    static float[] skyline(Scene s, Layer l, List<int[]> out) {
        int w = s.w;
        float[] top = new float[w + 1];
        java.util.Arrays.fill(top, s.h + 10);
        SplittableRandom r = s.rng("city-" + l.id);
        double scale = 0.55 + 0.9 * l.depth;
        double pan = s.pan(l.depth);
        double x = -r.nextDouble() * s.unit * 0.1 - pan;
        double heroAt = w * (0.25 + 0.5 * r.nextDouble());
        while (x < w) {
            double bw = s.unit * (0.03 + 0.05 * r.nextDouble()) * scale;
            double bh = l.amp * (0.25 + 0.75 * Math.pow(r.nextDouble(), 1.3));
            if (r.nextDouble() < 0.12 || Math.abs(x - heroAt) < bw) {
                bh *= 1.45;
            }
            double roof = l.base - bh;
            int x0 = (int) Math.round(x), x1 = (int) Math.round(x + bw);
            int kind = r.nextInt(6);
            for (int k = Math.max(0, x0); k <= Math.min(w, x1); k++) {
                double t = (k - x0) / Math.max(1.0, x1 - x0);
                double y = roof;
                if (kind == 0) {
                    y = roof - bh * 0.18 * Math.max(0, 1 - Math.abs(t - 0.5) * 4);
                } else if (kind == 1 && (t < 0.2 || t > 0.8)) {
                    y = roof + bh * 0.08;
                } else if (kind == 2 && Math.abs(t - 0.5) < 0.04) {
                    y = roof - bh * 0.2;
                }
                top[k] = (float) Math.min(top[k], y);
            }
            out.add(new int[] {x0, x1, (int) Math.round(roof)});
            x += bw + (r.nextDouble() < 0.25 ? s.unit * 0.006 * scale : 0);
        }
        return top;
    }

    static void windows(Canvas c, Scene s, Layer l, List<int[]> buildings, int yEnd) {
        SplittableRandom r = s.rng("windows-" + l.id);
        boolean cyber = s.f.has(Tag.CYBERPUNK) || s.f.has(Tag.VAPORWAVE);
        boolean night = s.night() || cyber;
        double lit = night ? 0.45 : s.f.time == Tag.SUNSET ? 0.18 : 0.0;
        double ww = Math.max(1, s.unit * 0.0045 * (0.45 + l.depth));
        double wh = ww * 1.5;
        double vis = 0.45 + 0.55 * l.depth;
        int base = Rgb.mix(s.c(BUILDING), s.c(LAND_NEAR), l.depth * 0.5);
        int dim = Rgb.mix(base, s.c(SKY_LOW), night ? 0.12 : 0.35);
        int warm = s.c(WINDOW);
        int[] neon = {s.c(ACCENT), s.c(ACCENT2)};
        for (int[] b : buildings) {
            int bw = b[1] - b[0];
            int cols = (int) ((bw - ww) / (ww * 2.2));
            if (cols < 1) {
                continue;
            }
            double busy = r.nextDouble();
            double startX = b[0] + (bw - (cols * ww * 2.2 - ww * 1.2)) / 2;
            int paletteShift = r.nextInt(3);
            for (double y = b[2] + wh * 1.5; y < yEnd - wh; y += wh * 2) {
                double fade = vis * (1 - Ridge.smooth(s.horizon, s.horizon + (s.h - s.horizon) * 0.9, y) * 0.5);
                for (int k = 0; k < cols; k++) {
                    double wx = startX + k * ww * 2.2;
                    boolean on = r.nextDouble() < lit * (0.4 + busy * 1.2);
                    int col = on ? (cyber && paletteShift == 0 ? neon[k & 1] : Rgb.mix(warm, 0xFFFFFF, r.nextDouble() * 0.3))
                            : dim;
                    double a = on ? 0.95 : night ? 0.35 : 0.5;
                    c.fillRect((int) wx, (int) y, (int) Math.round(wx + ww), (int) Math.round(y + wh), col, a * fade);
                }
            }
            if (cyber && l.depth > 0.4 && r.nextDouble() < 0.35) {
                int col = neon[r.nextInt(2)];
                double sx = b[0] + bw * (0.1 + 0.7 * r.nextDouble()), sy = b[2] + (yEnd - b[2]) * 0.15 * r.nextDouble() + wh * 2;
                double sw = Math.max(2, ww * 1.6), sh = Math.min(yEnd - sy, s.unit * (0.05 + 0.08 * r.nextDouble()));
                c.fillRect((int) sx, (int) sy, (int) (sx + sw), (int) (sy + sh), Rgb.mix(col, 0xFFFFFF, 0.35), 0.95);
                c.glow(sx + sw / 2, sy + sh / 2, sh * 0.7, col, 0.35);
            }
        }
        if (night && l.depth > 0.3) {
            for (int[] b : buildings) {
                if (b[1] - b[0] > s.unit * 0.03 && r.nextDouble() < 0.3) {
                    c.glow((b[0] + b[1]) / 2.0, b[2] - 2, Math.max(3, s.unit * 0.006), 0xFF4040, 0.8);
                }
            }
        }
    }
}
