package ai.aiart.renderer;

/** Packed 0xRRGGBB colour arithmetic used by every painter. */
final class Rgb {

    private Rgb() {
    }

    static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    static int rgb(double r, double g, double b) {
        return rgb((int) (r + 0.5), (int) (g + 0.5), (int) (b + 0.5));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    static int r(int c) {
        return (c >> 16) & 0xFF;
    }

    static int g(int c) {
        return (c >> 8) & 0xFF;
    }

    static int b(int c) {
        return c & 0xFF;
    }

    /** Linear interpolation from {@code a} (t = 0) to {@code b} (t = 1); t is clamped. */
    static int mix(int a, int b, double t) {
        if (t <= 0) {
            return a & 0xFFFFFF;
        }
        if (t >= 1) {
            return b & 0xFFFFFF;
        }
        int k = (int) (t * 256);
        return mix256(a, b, k);
    }

    /** Fast interpolation with an integer weight 0..256. */
    static int mix256(int a, int b, int k) {
        int ar = (a >> 16) & 0xFF, ag = (a >> 8) & 0xFF, ab = a & 0xFF;
        int r = ar + ((((b >> 16) & 0xFF) - ar) * k >> 8);
        int g = ag + ((((b >> 8) & 0xFF) - ag) * k >> 8);
        int bl = ab + (((b & 0xFF) - ab) * k >> 8);
        return (r << 16) | (g << 8) | bl;
    }

    static int scale(int c, double f) {
        return rgb(r(c) * f, g(c) * f, b(c) * f);
    }

    /** Saturating additive blend of {@code add * amount}. */
    static int add(int c, int add, double amount) {
        return rgb(r(c) + r(add) * amount, g(c) + g(add) * amount, b(c) + b(add) * amount);
    }

    /** Screen blend, brightening without clipping harshly. */
    static int screen(int c, int s, double amount) {
        double r = 255 - (255 - r(c)) * (255 - r(s) * amount) / 255.0;
        double g = 255 - (255 - g(c)) * (255 - g(s) * amount) / 255.0;
        double b = 255 - (255 - b(c)) * (255 - b(s) * amount) / 255.0;
        return rgb(r, g, b);
    }

    static double luma(int c) {
        return 0.299 * r(c) + 0.587 * g(c) + 0.114 * b(c);
    }

    /** Builds a colour from hue (degrees), saturation and lightness (0..1). */
    static int hsl(double h, double s, double l) {
        h = ((h % 360) + 360) % 360 / 360.0;
        s = Math.max(0, Math.min(1, s));
        l = Math.max(0, Math.min(1, l));
        if (s == 0) {
            return rgb(l * 255, l * 255, l * 255);
        }
        double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
        double p = 2 * l - q;
        return rgb(hue(p, q, h + 1 / 3.0) * 255, hue(p, q, h) * 255, hue(p, q, h - 1 / 3.0) * 255);
    }

    private static double hue(double p, double q, double t) {
        if (t < 0) {
            t += 1;
        }
        if (t > 1) {
            t -= 1;
        }
        if (t < 1 / 6.0) {
            return p + (q - p) * 6 * t;
        }
        if (t < 0.5) {
            return q;
        }
        if (t < 2 / 3.0) {
            return p + (q - p) * (2 / 3.0 - t) * 6;
        }
        return p;
    }

    /** Returns {hue degrees, saturation, lightness}. */
    static double[] toHsl(int c) {
        double r = r(c) / 255.0, g = g(c) / 255.0, b = b(c) / 255.0;
        double max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
        double l = (max + min) / 2, h = 0, s = 0;
        double d = max - min;
        if (d > 1e-9) {
            s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
            if (max == r) {
                h = (g - b) / d + (g < b ? 6 : 0);
            } else if (max == g) {
                h = (b - r) / d + 2;
            } else {
                h = (r - g) / d + 4;
            }
            h *= 60;
        }
        return new double[] {h, s, l};
    }

    /**
     * Tints {@code c} toward hue {@code target} (degrees) by {@code amount} (0..1), keeping its
     * lightness; blends in RGB so distant hues never pass through unrelated ones.
     */
    static int towardHue(int c, double target, double amount) {
        double[] hsl = toHsl(c);
        int goal = hsl(target, Math.max(0.45, hsl[1]), hsl[2]);
        return mix(c, goal, amount);
    }

    static int shiftHue(int c, double degrees) {
        double[] hsl = toHsl(c);
        return hsl(hsl[0] + degrees, hsl[1], hsl[2]);
    }

    /** Multiplies saturation by {@code sat} and lightness by {@code light}, plus an offset. */
    static int adjust(int c, double sat, double light, double lightAdd) {
        double[] hsl = toHsl(c);
        return hsl(hsl[0], hsl[1] * sat, hsl[2] * light + lightAdd);
    }

    /** Raises saturation in RGB space; factor 1 keeps the colour. */
    static int saturate(int c, double factor) {
        double l = luma(c);
        return rgb(l + (r(c) - l) * factor, l + (g(c) - l) * factor, l + (b(c) - l) * factor);
    }
}
