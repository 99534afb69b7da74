package ai.aiart.renderer;

import java.util.SplittableRandom;

/**
 * Everything needed to paint one picture: prompt features, palette, size, rendering treatment,
 * the seed-driven layout (horizon, sun, cloud cover) and the animation phase.
 */
final class Scene {

    final PromptFeatures f;
    final Palette p;
    final String style;
    final int w;
    final int h;
    /** The short side: horizontal feature sizes scale with it so panoramas do not stretch. */
    final double unit;
    final double aspect;
    /** Arrangement seed: the caller's seed mixed with the prompt hash. */
    final long seed;
    /** Animation phase in [0, 1); 0 for a still picture. */
    final double phase;

    final boolean water;
    /** Space with no named terrain: a low alien ground under a big sky. */
    final boolean spaceOnly;
    final double horizon;
    /** A synthwave neon grid replaces the near land. */
    final boolean retroGrid;
    final boolean showSun;
    final boolean moon;
    final double sunX;
    final double sunY;
    final double sunR;
    final double cloudCover;
    /** +1 when the light comes from the right, -1 from the left. */
    final int lightDir;

    Scene(PromptFeatures f, Palette p, String style, long seed, int w, int h, double phase) {
        this.f = f;
        this.p = p;
        this.style = style;
        this.w = w;
        this.h = h;
        this.unit = Math.min(w, h);
        this.aspect = w / (double) h;
        this.seed = Noise.mix(seed * 0x9E3779B97F4A7C15L ^ f.promptHash);
        this.phase = phase;
        SplittableRandom r = rng("layout");
        this.water = f.hasAny(Tag.OCEAN, Tag.LAKE, Tag.RIVER, Tag.ISLAND, Tag.BEACH);
        this.spaceOnly = f.has(Tag.SPACE) && !f.hasAny(Tag.MOUNTAINS, Tag.HILLS, Tag.DESERT, Tag.CITY, Tag.FOREST)
                && !water;
        double hf;
        if (spaceOnly) {
            hf = 0.86;
        } else if (water && !f.hasAny(Tag.MOUNTAINS, Tag.CITY)) {
            hf = f.has(Tag.BEACH) ? 0.56 : 0.6;
        } else if (water) {
            hf = 0.56;
        } else if (f.has(Tag.CITY)) {
            hf = 0.64;
        } else {
            hf = 0.6;
        }
        if (aspect < 1) {
            hf += (1 - aspect) * 0.12;
        } else {
            hf -= Math.min(0.06, (aspect - 1) * 0.05);
        }
        if ("anime".equals(style)) {
            hf += 0.05;
        }
        hf += (r.nextDouble() - 0.5) * 0.05 + (f.variety(1) - 0.5) * 0.04;
        this.horizon = h * Math.min(0.9, hf);
        this.retroGrid = f.has(Tag.VAPORWAVE) && !water
                && !f.hasAny(Tag.HILLS, Tag.FOREST, Tag.DESERT, Tag.FLOWERS, Tag.TREES);

        Tag t = f.time;
        this.moon = (t == Tag.NIGHT || (t == Tag.DUSK && f.has(Tag.MOON)) || (f.has(Tag.MOON) && t != Tag.DAY))
                && !f.suppressed.contains(Tag.MOON);
        boolean sunAllowed = !f.suppressed.contains(Tag.SUN) && !f.has(Tag.STORM);
        if (moon) {
            this.showSun = true;
        } else if (t == Tag.NIGHT || t == Tag.DUSK) {
            this.showSun = false;
        } else {
            this.showSun = sunAllowed && !(f.has(Tag.SPACE) && !f.has(Tag.SUN));
        }
        double sx = 0.2 + 0.6 * r.nextDouble();
        if (Math.abs(sx - 0.5) < 0.08 && !f.has(Tag.VAPORWAVE)) {
            sx += sx < 0.5 ? -0.1 : 0.1;
        }
        if (f.has(Tag.VAPORWAVE)) {
            sx = 0.5;
        }
        double low = r.nextDouble();
        double sy;
        double sr;
        switch (t) {
            case SUNSET, SUNRISE -> {
                sy = horizon - unit * (0.1 + 0.1 * low);
                sr = unit * 0.07;
            }
            case GOLDEN -> {
                sy = horizon * (0.55 + 0.15 * low);
                sr = unit * 0.055;
            }
            case DUSK -> {
                sy = horizon + unit * 0.04;
                sr = unit * 0.05;
            }
            case NIGHT -> {
                sy = horizon * (0.25 + 0.25 * low);
                sr = unit * 0.045;
            }
            default -> {
                sy = horizon * (0.22 + 0.18 * low);
                sr = unit * 0.045;
            }
        }
        if (moon && t != Tag.NIGHT) {
            sy = horizon * (0.2 + 0.2 * low);
            sr = unit * 0.04;
        }
        if (f.has(Tag.VAPORWAVE)) {
            sy = horizon - unit * 0.16;
            sr = unit * 0.17;
        }
        this.sunX = w * sx;
        this.sunY = sy + sunDrift();
        this.sunR = sr * (f.has(Tag.EPIC) ? 1.2 : 1);
        this.lightDir = sx >= 0.5 ? 1 : -1;

        double cover = switch (t) {
            case DAY -> 0.45;
            case GOLDEN, SUNRISE -> 0.5;
            case SUNSET -> 0.55;
            case DUSK -> 0.35;
            default -> 0.2;
        };
        cover += (f.variety(2) - 0.5) * 0.3;
        if (f.has(Tag.CLOUDS)) {
            cover = 0.8;
        }
        if (f.has(Tag.RAIN) || f.has(Tag.SNOW)) {
            cover = Math.max(cover, 0.7);
        }
        if (f.has(Tag.STORM)) {
            cover = 1;
        }
        if (f.has(Tag.CLEAR) || spaceOnly && !f.has(Tag.CLOUDS)) {
            cover = 0.05;
        }
        if (f.has(Tag.MINIMAL)) {
            cover *= 0.5;
        }
        if (f.suppressed.contains(Tag.CLOUDS) || f.has(Tag.SPACE) && !f.has(Tag.CLOUDS)) {
            cover = 0;
        }
        this.cloudCover = Math.max(0, Math.min(1, cover));
    }

    private double sunDrift() {
        double amount = unit * 0.03 * phase;
        return switch (f.time) {
            case SUNSET, DUSK -> amount;
            case SUNRISE -> -amount;
            default -> amount * 0.2;
        };
    }

    /** Horizontal parallax shift (pixels) of a layer at this depth for the current animation phase. */
    double pan(double depth) {
        return phase * unit * 0.05 * (0.15 + depth);
    }

    /** An independent random stream for one element, so removing one element never moves another. */
    SplittableRandom rng(String label) {
        return new SplittableRandom(Noise.mix(seed ^ label.hashCode() * 0x632BE59BD9B4E019L));
    }

    Noise noise(String label) {
        return new Noise(seed ^ label.hashCode() * 0x8CB92BA72F3D8DD7L);
    }

    boolean night() {
        return f.time == Tag.NIGHT || f.time == Tag.DUSK;
    }

    boolean styleIs(String s) {
        return s.equals(style);
    }

    int c(int slot) {
        return p.c[slot];
    }
}
