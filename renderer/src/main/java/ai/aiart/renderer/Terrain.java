package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

import ai.aiart.renderer.Layers.Kind;
import ai.aiart.renderer.Layers.Layer;
import java.util.List;
import java.util.SplittableRandom;

/** Turns planned layers into ridgeline profiles, shades them and hands them to the prop painters. */
final class Terrain {

    private Terrain() {
    }

    /** Paints the back (behind water) or front layers, in order. */
    static void paint(Canvas c, Scene s, List<Layer> layers, boolean back) {
        for (Layer l : layers) {
            if (l.back != back) {
                continue;
            }
            int yEnd = l.back && s.water ? (int) Math.ceil(s.horizon) : c.h;
            if (l.kind == Kind.ISLAND) {
                yEnd = (int) Math.ceil(l.base + l.amp * 0.04);
            }
            java.util.List<int[]> buildings = new java.util.ArrayList<>();
            float[] top = l.kind == Kind.CITY ? City.skyline(s, l, buildings) : profile(s, l);
            Ridge.Shade sh = shade(s, l);
            Ridge.fill(c, top, yEnd, sh);
            if (l.kind == Kind.CITY) {
                City.windows(c, s, l, buildings, yEnd);
            }
            if (l.kind == Kind.ISLAND) {
                Water.reflect(c, s, top, yEnd);
            }
            if (l.kind == Kind.VOLCANO) {
                Volcano.decorate(c, s, l, top);
            }
            Props.decorate(c, s, l, top, sh.top, yEnd);
        }
    }

    static float[] profile(Scene s, Layer l) {
        int w = s.w;
        float[] top = new float[w + 1];
        Noise n = s.noise("layer-" + l.id);
        SplittableRandom r = s.rng("shape-" + l.id);
        double pan = s.pan(l.depth);
        double heroX = s.w * (0.2 + 0.6 * r.nextDouble()), heroW = s.unit * (0.25 + 0.2 * r.nextDouble());
        double centre = s.w * (0.38 + 0.24 * r.nextDouble());
        double halfWidth = s.unit * (0.18 + 0.12 * r.nextDouble());
        boolean leftSide = r.nextBoolean();
        double g = s.h - s.horizon;
        for (int x = 0; x <= w; x++) {
            double xp = x + pan;
            double xf = xp / s.unit * l.freq;
            double v;
            switch (l.kind) {
                case MOUNTAIN -> {
                    v = 0.7 * n.ridged(xf, 5) + 0.3 * (n.fbm(xf * 0.35, 2) * 0.5 + 0.5);
                    v = Math.pow(Sky.clamp(v), 1.5);
                    if (l.hero) {
                        double d = (xp - heroX) / heroW;
                        v = v * (0.65 + 0.6 * Math.exp(-d * d));
                    }
                }
                case HILL, FOREST -> v = 0.5 + 0.5 * n.fbm(xf * 0.8, 3);
                case DUNE -> {
                    double d = n.ridged(xf * 0.9 + n.fbm(xf * 0.3, 2) * 0.4, 2);
                    v = d * d;
                }
                case MESA -> {
                    double raw = Sky.clamp((n.fbm(xf, 3) + 0.12) * 4);
                    v = raw * 0.85 + 0.15 * (n.fbm(xf * 6, 2) * 0.5 + 0.5);
                }
                case VOLCANO -> {
                    double t = Math.abs(xp - heroX) / (s.unit * 0.5);
                    v = t < 1 ? Math.pow(1 - t, 1.7) : 0;
                    if (t < 0.07) {
                        v = Math.pow(0.93, 1.7) - (0.07 - t) * 0.9;
                    }
                    v += 0.04 * n.fbm(xf * 4, 3) + 0.05 * (n.fbm(xf * 1.5, 2) * 0.5 + 0.5);
                }
                case BEACH -> v = 0.6 + 0.25 * n.fbm(xf * 0.6, 2) + (x / (double) w - 0.5) * (leftSide ? 0.5 : -0.5);
                case SHORE -> {
                    double t = leftSide ? x / (double) w : 1 - x / (double) w;
                    v = 0.1 + 0.9 * Ridge.smooth(0.3, 1.05, t) + 0.12 * n.fbm(xf, 3);
                }
                case BANKS -> {
                    double meander = centre + n.fbm(xf * 0.2, 2) * s.unit * 0.05;
                    double d = Math.abs(x - meander), hw = s.w * 0.16;
                    v = d < hw ? -1 : 0.2 + 0.8 * Ridge.smooth(hw, hw + s.w * 0.22, d) + 0.1 * n.fbm(xf, 3);
                }
                case ISLAND -> {
                    double t = (xp - centre) / halfWidth;
                    v = Math.abs(t) < 1 ? Math.pow(1 - t * t, 0.7) * (0.85 + 0.3 * (n.fbm(xf * 2, 3) * 0.5 + 0.5)) : -1;
                }
                default -> v = 0.5;
            }
            float y = (float) (l.base - l.amp * v);
            if (v < 0) {
                y = s.h + 10;
            }
            top[x] = y;
        }
        if (l.kind == Kind.BANKS || l.kind == Kind.SHORE) {
            for (int x = 0; x <= w; x++) {
                top[x] = (float) Math.max(top[x], s.horizon + g * 0.25);
            }
        }
        return top;
    }

    private static Ridge.Shade shade(Scene s, Layer l) {
        double d = l.depth;
        int haze = s.c(HAZE);
        int land = Rgb.mix(s.c(LAND_FAR), s.c(LAND_NEAR), Math.pow(d, 0.8));
        int green = Rgb.mix(s.c(FOLIAGE), s.c(FOLIAGE_NEAR), d);
        if (s.f.has(Tag.AUTUMN)) {
            green = Rgb.mix(green, Rgb.mix(0x8C9440, 0x3A4418, d), 0.65);
        }
        int col;
        double light;
        switch (l.kind) {
            case MOUNTAIN -> {
                col = land;
                light = 0.55 * (1 - 0.4 * d);
            }
            case VOLCANO -> {
                col = Rgb.mix(land, 0x2A1E1E, 0.5);
                light = 0.45;
            }
            case HILL, SHORE, BANKS, ISLAND -> {
                col = Rgb.mix(land, green, s.f.hasAny(Tag.SNOW, Tag.WINTER) ? 0.15 : 0.55);
                light = 0.22;
            }
            case FOREST -> {
                col = Rgb.mix(land, green, 0.45);
                light = 0.12;
            }
            case DUNE, MESA, BEACH -> {
                col = Rgb.mix(s.c(SAND), s.c(LAND_NEAR), d * (l.kind == Kind.BEACH ? 0.15 : 0.35));
                light = l.kind == Kind.DUNE ? 0.75 : 0.45;
            }
            case CITY -> {
                col = Rgb.mix(s.c(BUILDING), s.c(LAND_NEAR), d * 0.5);
                light = 0;
            }
            default -> {
                col = land;
                light = 0.3;
            }
        }
        double atmos = 0.3 + 0.7 * Math.pow(d, 0.9);
        if (s.f.has(Tag.FOG)) {
            atmos *= 0.75;
        }
        col = Rgb.mix(haze, col, atmos);
        Ridge.Shade sh = new Ridge.Shade();
        sh.top = col;
        double fog = (s.f.has(Tag.FOG) ? 0.85 : 0.5) * (1 - d * 0.75);
        if (s.f.has(Tag.MINIMAL)) {
            fog *= 0.6;
        }
        sh.bottom = Rgb.mix(col, haze, fog);
        sh.fogStart = l.base - l.amp * 0.6;
        sh.fogEnd = l.base + (s.h - s.horizon) * 0.18 + s.unit * 0.03;
        if (l.kind == Kind.BEACH || l.kind == Kind.SHORE || l.kind == Kind.BANKS || d > 0.95) {
            sh.bottom = Rgb.scale(col, 0.8);
            sh.fogStart = l.base - l.amp;
            sh.fogEnd = s.h;
        }
        sh.light = s.styleIs("line-art") ? light * 0.6 : light;
        sh.lit = Rgb.mix(col, s.c(LIT), s.night() ? 0.3 : 0.5);
        sh.shadow = Rgb.mix(col, Rgb.mix(s.c(SKY_MID), 0, 0.55), 0.45);
        sh.lightDir = s.lightDir;
        boolean lowSun = s.f.time == Tag.SUNSET || s.f.time == Tag.SUNRISE || s.f.time == Tag.GOLDEN
                || s.f.has(Tag.CYBERPUNK) || s.f.has(Tag.VAPORWAVE);
        if (lowSun && l.kind != Kind.CITY) {
            sh.rim = 0.55 * (1 - d * 0.5);
            sh.rimColour = s.f.has(Tag.CYBERPUNK) || s.f.has(Tag.VAPORWAVE) ? s.c(ACCENT) : s.c(SUN_GLOW);
            sh.rimWidth = Math.max(1.5, s.unit * 0.0025);
        } else if (s.night() && l.kind != Kind.CITY) {
            sh.rim = 0.3 * (1 - d * 0.6);
            sh.rimColour = s.c(SUN_GLOW);
            sh.rimWidth = Math.max(1.2, s.unit * 0.002);
        }
        if (l.snow) {
            Noise n = s.noise("snow-" + l.id);
            sh.snowLine = l.base - l.amp * 0.62;
            sh.snowJitter = new float[s.w + 1];
            for (int x = 0; x <= s.w; x++) {
                sh.snowJitter[x] = (float) (n.fbm(x / s.unit * 9, 3) * l.amp * 0.18);
            }
            sh.snow = Rgb.mix(s.c(SNOW), haze, 1 - atmos);
            sh.snowShadow = Rgb.mix(sh.snow, s.c(SKY_MID), 0.45);
        }
        if (l.kind == Kind.MOUNTAIN || l.kind == Kind.DUNE || l.kind == Kind.MESA) {
            sh.texture = s.noise("tex-" + l.id).field(s.w, s.h, 6, 1 / (s.unit * 0.09), 1 / (s.unit * 0.02), 3, 0, 0);
            sh.textureAmount = 0.07;
        }
        return sh;
    }
}
