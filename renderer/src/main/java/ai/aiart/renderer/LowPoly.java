package ai.aiart.renderer;

/** Low-poly treatment: the picture re-drawn as flat-shaded triangles on a jittered grid. */
final class LowPoly {

    private LowPoly() {
    }

    static void apply(Canvas c, Scene s) {
        int w = c.w, h = c.h;
        double cell = Math.max(6, s.unit / 30.0);
        int gx = (int) Math.ceil(w / cell) + 1, gy = (int) Math.ceil(h / cell) + 1;
        double[] vx = new double[gx * gy], vy = new double[gx * gy];
        long salt = s.seed ^ 0x5DEECE66DL;
        for (int j = 0; j < gy; j++) {
            for (int i = 0; i < gx; i++) {
                double x = Math.min(w, i * cell), y = Math.min(h, j * cell);
                if (i > 0 && i < gx - 1) {
                    x += (Noise.hash01(salt, i, j) - 0.5) * cell * 0.6;
                }
                if (j > 0 && j < gy - 1) {
                    y += (Noise.hash01(salt + 1, i, j) - 0.5) * cell * 0.6;
                }
                vx[j * gx + i] = x;
                vy[j * gx + i] = y;
            }
        }
        int[] src = c.px.clone();
        Canvas.boxBlur(src, w, h, Math.max(1, (int) (cell / 8)));
        for (int j = 0; j < gy - 1; j++) {
            for (int i = 0; i < gx - 1; i++) {
                int a = j * gx + i, b = a + 1, d = a + gx, e = d + 1;
                if (Noise.hash01(salt + 2, i, j) < 0.5) {
                    tri(c, src, s, vx, vy, a, b, e);
                    tri(c, src, s, vx, vy, a, e, d);
                } else {
                    tri(c, src, s, vx, vy, a, b, d);
                    tri(c, src, s, vx, vy, b, e, d);
                }
            }
        }
    }

    private static int sample(int[] src, int w, int h, double x, double y) {
        int ix = (int) Math.max(0, Math.min(w - 1, x)), iy = (int) Math.max(0, Math.min(h - 1, y));
        return src[iy * w + ix];
    }

    private static void tri(Canvas c, int[] src, Scene s, double[] vx, double[] vy, int a, int b, int d) {
        double ax = vx[a], ay = vy[a], bx = vx[b], by = vy[b], cx = vx[d], cy = vy[d];
        double mx = (ax + bx + cx) / 3, my = (ay + by + cy) / 3;
        int w = c.w, h = c.h;
        int r = 0, g = 0, bl = 0;
        double[][] pts = {{mx, my}, {(ax + mx) / 2, (ay + my) / 2}, {(bx + mx) / 2, (by + my) / 2}, {(cx + mx) / 2, (cy + my) / 2}};
        for (double[] p : pts) {
            int q = sample(src, w, h, p[0], p[1]);
            r += Rgb.r(q);
            g += Rgb.g(q);
            bl += Rgb.b(q);
        }
        int col = Rgb.rgb(r / 4, g / 4, bl / 4);
        double la = Rgb.luma(sample(src, w, h, ax, ay)), lb = Rgb.luma(sample(src, w, h, bx, by));
        double lc = Rgb.luma(sample(src, w, h, cx, cy));
        double area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
        if (Math.abs(area) < 1e-6) {
            return;
        }
        double gxl = ((lb - la) * (cy - ay) - (lc - la) * (by - ay)) / area;
        double shade = 1 + Math.max(-0.06, Math.min(0.06, -gxl * s.lightDir * 0.3))
                + (Noise.hash01(s.seed, (long) (mx * 7), (long) (my * 13)) - 0.5) * 0.03;
        col = Rgb.scale(col, shade);
        int x0 = (int) Math.max(0, Math.floor(Math.min(ax, Math.min(bx, cx))));
        int x1 = (int) Math.min(w - 1, Math.ceil(Math.max(ax, Math.max(bx, cx))));
        int y0 = (int) Math.max(0, Math.floor(Math.min(ay, Math.min(by, cy))));
        int y1 = (int) Math.min(h - 1, Math.ceil(Math.max(ay, Math.max(by, cy))));
        double sign = area > 0 ? 1 : -1;
        for (int y = y0; y <= y1; y++) {
            double py = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5;
                double e0 = ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) * sign;
                double e1 = ((cx - bx) * (py - by) - (cy - by) * (px - bx)) * sign;
                double e2 = ((ax - cx) * (py - cy) - (ay - cy) * (px - cx)) * sign;
                if (e0 >= 0 && e1 >= 0 && e2 >= 0) {
                    c.px[y * w + x] = col;
                }
            }
        }
    }
}
