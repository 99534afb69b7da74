package ai.aiart.renderer;

/**
 * Deterministic seeded value noise (1D and 2D), fractal sums and cheap per-pixel hashes.
 * Instances are immutable and thread-safe.
 */
final class Noise {

    private final long seed;

    Noise(long seed) {
        this.seed = mix(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64 finaliser: a high-quality 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform value in [0, 1) for an integer coordinate. */
    static double hash01(long seed, long a) {
        return (mix(seed + a * 0x632BE59BD9B4E019L) >>> 11) * 0x1.0p-53;
    }

    static double hash01(long seed, long a, long b) {
        return (mix(seed + a * 0x632BE59BD9B4E019L + b * 0x8CB92BA72F3D8DD7L) >>> 11) * 0x1.0p-53;
    }

    /** Cheap 32-bit integer hash, for per-pixel grain. */
    static int ihash(int x) {
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return x;
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    /** Smooth 1D value noise in [-1, 1]. */
    double value(double x) {
        long i = (long) Math.floor(x);
        double f = fade(x - i);
        double a = hash01(seed, i), b = hash01(seed, i + 1);
        return (a + (b - a) * f) * 2 - 1;
    }

    /** Smooth 2D value noise in [-1, 1]. */
    double value(double x, double y) {
        long ix = (long) Math.floor(x), iy = (long) Math.floor(y);
        double fx = fade(x - ix), fy = fade(y - iy);
        double a = hash01(seed, ix, iy), b = hash01(seed, ix + 1, iy);
        double c = hash01(seed, ix, iy + 1), d = hash01(seed, ix + 1, iy + 1);
        double top = a + (b - a) * fx, bottom = c + (d - c) * fx;
        return (top + (bottom - top) * fy) * 2 - 1;
    }

    /** Fractal Brownian motion (1D), roughly in [-1, 1]. */
    double fbm(double x, int octaves) {
        double sum = 0, amp = 0.5, norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += value(x + o * 17.31) * amp;
            norm += amp;
            amp *= 0.5;
            x *= 2.03;
        }
        return sum / norm;
    }

    /** Fractal Brownian motion (2D), roughly in [-1, 1]. */
    double fbm(double x, double y, int octaves) {
        double sum = 0, amp = 0.5, norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += value(x + o * 17.31, y - o * 9.73) * amp;
            norm += amp;
            amp *= 0.5;
            x *= 2.03;
            y *= 2.03;
        }
        return sum / norm;
    }

    /** Ridged 1D fractal in [0, 1]: sharp crests, good for mountain ranges. */
    double ridged(double x, int octaves) {
        double sum = 0, amp = 0.5, norm = 0;
        for (int o = 0; o < octaves; o++) {
            double v = 1 - Math.abs(value(x + o * 31.7));
            sum += v * v * amp;
            norm += amp;
            amp *= 0.5;
            x *= 2.1;
        }
        return sum / norm;
    }

    /**
     * Samples 2D fbm on a coarse grid covering {@code w x h} pixels (one sample every
     * {@code step} pixels) so that per-pixel lookups are a cheap bilinear interpolation.
     */
    Field field(int w, int h, int step, double scale, int octaves, double offsetX, double offsetY) {
        return field(w, h, step, scale, scale, octaves, offsetX, offsetY);
    }

    /** As {@link #field(int, int, int, double, int, double, double)} with separate x and y scales. */
    Field field(int w, int h, int step, double sx, double sy, int octaves, double offsetX, double offsetY) {
        int gw = w / step + 2, gh = h / step + 2;
        float[] v = new float[gw * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < gw; i++) {
                v[j * gw + i] = (float) fbm((i * step + offsetX) * sx, (j * step + offsetY) * sy, octaves);
            }
        }
        return new Field(v, gw, gh, step);
    }

    /**
     * A tileable square of fractal value noise ({@code 256 x 256}, roughly in [-1, 1]) for cheap
     * lookups at arbitrary, e.g. perspective-warped, coordinates.
     */
    Tile tile(int basePeriod, int octaves) {
        int n = Tile.SIZE;
        float[] v = new float[n * n];
        double amp = 0.5, norm = 0;
        for (int o = 0; o < octaves; o++) {
            int period = basePeriod << o;
            double[] lattice = new double[period * period];
            for (int k = 0; k < lattice.length; k++) {
                lattice[k] = hash01(seed + o * 7919L, k) * 2 - 1;
            }
            double cell = n / (double) period;
            for (int y = 0; y < n; y++) {
                double gy = y / cell;
                int iy = (int) gy;
                double fy = fade(gy - iy);
                int y0 = iy % period, y1 = (iy + 1) % period;
                for (int x = 0; x < n; x++) {
                    double gx = x / cell;
                    int ix = (int) gx;
                    double fx = fade(gx - ix);
                    int x0 = ix % period, x1 = (ix + 1) % period;
                    double a = lattice[y0 * period + x0], b = lattice[y0 * period + x1];
                    double c = lattice[y1 * period + x0], d = lattice[y1 * period + x1];
                    double top = a + (b - a) * fx, bottom = c + (d - c) * fx;
                    v[y * n + x] += (float) ((top + (bottom - top) * fy) * amp);
                }
            }
            norm += amp;
            amp *= 0.5;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= (float) norm;
        }
        return new Tile(v);
    }

    /** A wrapping 256 x 256 noise texture with bilinear lookup. */
    static final class Tile {
        static final int SIZE = 256;
        private final float[] v;

        Tile(float[] v) {
            this.v = v;
        }

        float at(double x, double y) {
            double fx0 = Math.floor(x), fy0 = Math.floor(y);
            int ix = (int) ((long) fx0 & (SIZE - 1)), iy = (int) ((long) fy0 & (SIZE - 1));
            float fx = (float) (x - fx0), fy = (float) (y - fy0);
            int ix1 = (ix + 1) & (SIZE - 1), iy1 = (iy + 1) & (SIZE - 1);
            float a = v[iy * SIZE + ix], b = v[iy * SIZE + ix1];
            float c = v[iy1 * SIZE + ix], d = v[iy1 * SIZE + ix1];
            float top = a + (b - a) * fx, bottom = c + (d - c) * fx;
            return top + (bottom - top) * fy;
        }
    }

    /** A coarse grid of noise values with bilinear lookup in pixel coordinates. */
    static final class Field {
        private final float[] v;
        private final int gw, gh;
        private final float inv;

        Field(float[] v, int gw, int gh, int step) {
            this.v = v;
            this.gw = gw;
            this.gh = gh;
            this.inv = 1f / step;
        }

        /** Noise value at pixel (x, y), roughly in [-1, 1]. */
        float at(float x, float y) {
            float gx = Math.max(0, Math.min(gw - 1.001f, x * inv));
            float gy = Math.max(0, Math.min(gh - 1.001f, y * inv));
            int i = (int) gx, j = (int) gy;
            float fx = gx - i, fy = gy - j;
            int k = j * gw + i;
            float a = v[k] + (v[k + 1] - v[k]) * fx;
            float b = v[k + gw] + (v[k + gw + 1] - v[k + gw]) * fx;
            return a + (b - a) * fy;
        }
    }
}
