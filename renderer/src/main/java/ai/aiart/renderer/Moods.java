package ai.aiart.renderer;

import static ai.aiart.renderer.Palette.*;

/** Reshapes a base {@link Palette} for the prompt's season, weather and mood words. */
final class Moods {

    private Moods() {
    }

    static void apply(Palette p, PromptFeatures f) {
        if (f.has(Tag.SPACE)) {
            p.set(SKY_TOP, 0x020308);
            p.set(SKY_MID, 0x080B22);
            p.set(SKY_LOW, 0x161038);
            p.set(HORIZON, 0x2A1650);
            p.set(HAZE, 0x3A2460);
            p.set(ACCENT, 0xC04FD8);
            p.set(ACCENT2, 0x2FB8D8);
            p.set(LAND_FAR, 0x2E2050);
            p.set(LAND_NEAR, 0x0A0818);
            p.bloom = 0.35;
        }
        if (f.has(Tag.CYBERPUNK)) {
            int[] sky = {0x0A0520, 0x2A0E4A, 0x6A1A6E, 0xD9307A};
            for (int i = 0; i < 4; i++) {
                p.set(SKY_TOP + i, Rgb.mix(p.c[SKY_TOP + i], sky[i], 0.75));
            }
            p.set(HAZE, 0x8A2A8E);
            p.set(ACCENT, 0xFF2BD6);
            p.set(ACCENT2, 0x29E0FF);
            p.set(WINDOW, 0x7FF6FF);
            p.set(BUILDING, 0x140A28);
            p.set(LAND_FAR, 0x3A1A5E);
            p.set(LAND_NEAR, 0x0A0616);
            p.set(WATER, 0x1A0A36);
            p.bloom = 0.45;
            p.saturation *= 1.15;
        }
        if (f.has(Tag.VAPORWAVE)) {
            p.set(SKY_TOP, 0x1A0B3D);
            p.set(SKY_MID, 0x5B2A86);
            p.set(SKY_LOW, 0xE0489A);
            p.set(HORIZON, 0xFF9E7A);
            p.set(SUN, 0xFFE46B);
            p.set(SUN_GLOW, 0xFF5EA8);
            p.set(HAZE, 0xC24C9E);
            p.set(LAND_FAR, 0x6A2E8E);
            p.set(LAND_NEAR, 0x1C0A30);
            p.set(ACCENT, 0xFF4FD8);
            p.set(ACCENT2, 0x3FF0FF);
            p.set(WATER, 0x2A1050);
            p.bloom = 0.4;
        }
        if (f.has(Tag.STORM)) {
            int[] sky = {0x232A36, 0x3E4754, 0x5E6874, 0x8A929C};
            for (int i = 0; i < 4; i++) {
                p.set(SKY_TOP + i, Rgb.mix(p.c[SKY_TOP + i], sky[i], 0.7));
            }
            p.mixAll(0x59626E, 0.5, HAZE, CLOUD_LIGHT, CLOUD_SHADOW, LAND_FAR, WATER);
            p.set(CLOUD_SHADOW, Rgb.scale(p.c[CLOUD_SHADOW], 0.6));
            p.saturation *= 0.8;
        } else if (f.has(Tag.RAIN)) {
            p.mixAll(0x8090A0, 0.35, SKY_TOP, SKY_MID, SKY_LOW, HORIZON, HAZE, CLOUD_LIGHT, CLOUD_SHADOW);
            p.saturation *= 0.85;
        }
        if (f.has(Tag.FOG)) {
            p.mixAll(Rgb.mix(p.c[HAZE], 0xDDE3EA, 0.4), 0.35, SKY_MID, SKY_LOW, HORIZON, HAZE);
            p.saturation *= 0.9;
        }
        if (f.has(Tag.SNOW) || f.has(Tag.WINTER)) {
            p.mixAll(0xE6EEF8, 0.25, SKY_LOW, HORIZON);
            p.set(HAZE, Rgb.mix(p.c[HAZE], 0xA8BCD4, 0.45));
            p.set(LAND_NEAR, Rgb.mix(p.c[LAND_NEAR], Rgb.mix(p.c[SNOW], p.c[LAND_FAR], 0.5), 0.4));
            p.set(LAND_FAR, Rgb.mix(p.c[LAND_FAR], p.c[SNOW], 0.35));
            p.set(FOLIAGE, Rgb.mix(p.c[FOLIAGE], 0x2E4A4A, 0.5));
            p.set(FOLIAGE_NEAR, Rgb.mix(p.c[FOLIAGE_NEAR], 0x16282E, 0.5));
            p.set(SAND, p.c[SNOW]);
        }
        if (f.has(Tag.AUTUMN)) {
            p.set(FOLIAGE, Rgb.mix(p.c[FOLIAGE], 0xD9661F, 0.8));
            p.set(FOLIAGE_NEAR, Rgb.mix(p.c[FOLIAGE_NEAR], 0x7A2E12, 0.75));
            p.set(BLOSSOM, 0xF2A33A);
            p.tint(35, 0.25, HAZE, HORIZON, LAND_NEAR);
        }
        if (f.has(Tag.SPRING)) {
            p.set(FOLIAGE, Rgb.mix(p.c[FOLIAGE], 0x6DBF4B, 0.6));
            p.set(FOLIAGE_NEAR, Rgb.mix(p.c[FOLIAGE_NEAR], 0x2F6B2A, 0.5));
            p.set(BLOSSOM, 0xF6A5C0);
        }
        if (f.has(Tag.DESERT) && !f.has(Tag.SNOW)) {
            p.set(SAND, Rgb.mix(p.c[SAND], 0xE0A060, 0.45));
            p.set(HAZE, Rgb.mix(p.c[HAZE], p.c[SAND], 0.45));
            p.set(HORIZON, Rgb.mix(p.c[HORIZON], p.c[SAND], 0.3));
            p.set(LAND_NEAR, Rgb.mix(p.c[LAND_NEAR], Rgb.mix(p.c[SAND], 0x6A3418, 0.5), 0.7));
            p.set(LAND_FAR, Rgb.mix(p.c[SAND], 0xB06A48, 0.35));
            p.set(LIT, Rgb.mix(p.c[LIT], 0xFFE8B0, 0.5));
        }
        if (f.has(Tag.VOLCANO)) {
            p.set(ACCENT, 0xFF5A1F);
            p.set(ACCENT2, 0xFFC23A);
            p.tint(15, 0.35, HORIZON, HAZE, SKY_LOW);
            p.set(LAND_NEAR, Rgb.mix(p.c[LAND_NEAR], 0x140C0C, 0.6));
            p.bloom = Math.max(p.bloom, 0.4);
        }
        if (f.has(Tag.FANTASY)) {
            p.tint(275, 0.2, SKY_TOP, SKY_MID, HAZE);
            p.set(ACCENT, Rgb.mix(p.c[ACCENT], 0x7FFFE0, 0.6));
            p.set(ACCENT2, Rgb.mix(p.c[ACCENT2], 0xD9A0FF, 0.6));
            p.bloom = Math.max(p.bloom, 0.4);
        }
        if (f.has(Tag.SUMMER) || f.has(Tag.BRIGHT)) {
            p.saturation *= 1.18;
            p.brightness *= 1.04;
        }
        if (f.has(Tag.PASTEL)) {
            p.adjustAll(0.6, 0.7, 0.3);
            p.contrast *= 0.85;
        }
        if (f.has(Tag.DREAMY)) {
            p.adjustAll(0.85, 0.9, 0.1);
            p.bloom = Math.max(p.bloom, 0.45);
            p.contrast *= 0.9;
        }
        if (f.has(Tag.DARK)) {
            p.adjustAll(0.75, 0.7, 0);
            p.vignette += 0.2;
        }
        if (f.has(Tag.EPIC)) {
            p.contrast *= 1.12;
            p.vignette += 0.1;
        }
        if (f.has(Tag.VINTAGE)) {
            p.sepia = 0.35;
            p.grain += 0.03;
            p.contrast *= 0.9;
        }
        if (f.has(Tag.MINIMAL)) {
            p.grain *= 0.4;
            p.vignette *= 0.5;
        }
        if (f.has(Tag.NOIR)) {
            p.mono = true;
            p.contrast *= 1.2;
            p.grain += 0.03;
        }
    }
}
