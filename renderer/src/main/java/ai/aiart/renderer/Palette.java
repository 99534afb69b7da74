package ai.aiart.renderer;

/**
 * The colours and grading of a picture, derived only from the prompt (never the seed): a base
 * palette for the time of day, reshaped by moods, colour words and the unknown-word hue nudge.
 */
final class Palette {

    static final int SKY_TOP = 0, SKY_MID = 1, SKY_LOW = 2, HORIZON = 3, SUN = 4, SUN_GLOW = 5, HAZE = 6,
            LAND_FAR = 7, LAND_NEAR = 8, LIT = 9, SNOW = 10, WATER = 11, CLOUD_LIGHT = 12, CLOUD_SHADOW = 13,
            FOLIAGE = 14, FOLIAGE_NEAR = 15, BLOSSOM = 16, SAND = 17, BUILDING = 18, WINDOW = 19, ACCENT = 20,
            ACCENT2 = 21, STAR = 22;
    private static final int SLOTS = 23;

    private static final int[] DAY = {0x2E6FD0, 0x5E9EE6, 0xA9D2F2, 0xE2F0F7, 0xFFF8E0, 0xFFF0C0, 0xC6DDEB,
        0x7A9CC0, 0x24452F, 0xFFF1C8, 0xF4F8FF, 0x2F6FA8, 0xFFFFFF, 0xB9CCE0, 0x3E7D3A, 0x1F4A25, 0xF7A8C8,
        0xE8CF98, 0x5B6B80, 0xCFE3F5, 0xFFD54F, 0xFF6F91, 0xFFFFFF};
    private static final int[] GOLDEN = {0x3F6DB5, 0x94A6D0, 0xF2C4A0, 0xFFD49E, 0xFFF0C0, 0xFFCF70, 0xF2D2A0,
        0x9C8FA8, 0x3A3424, 0xFFD58A, 0xFFF2E0, 0x4E6C94, 0xFFF0D0, 0xD39A7E, 0x6B8A3A, 0x2E3A1C, 0xFFB0A0,
        0xE9C27F, 0x6A5A60, 0xFFE0A0, 0xFFC44F, 0xFF7F6A, 0xFFFFFF};
    private static final int[] SUNSET = {0x1E2A6B, 0x7A3D84, 0xE5676A, 0xFFB25C, 0xFFE3A0, 0xFF9A4A, 0xF08A6A,
        0x8A4F7D, 0x24122A, 0xFF9F6A, 0xFFD8D0, 0x3D2E5E, 0xFFB48A, 0x8E4A78, 0x4A2E44, 0x1A0E1E, 0xFF8FB0,
        0xD98F6A, 0x3A2446, 0xFFD58A, 0xFFB347, 0xFF5E7E, 0xFFF4E0};
    private static final int[] SUNRISE = {0x4F74C4, 0xA8A6D8, 0xF6B5B8, 0xFFE0A8, 0xFFF4D0, 0xFFC98A, 0xF5C8C0,
        0x9E8DB8, 0x3A3456, 0xFFD0B0, 0xFFF0F0, 0x6A7DB8, 0xFFE6E0, 0xC79AB8, 0x56607A, 0x262840, 0xFFA8C8,
        0xF2C7A0, 0x5A5478, 0xFFE0B0, 0xFFC98A, 0xFF8FB0, 0xFFFFFF};
    private static final int[] DUSK = {0x0E1440, 0x2E3A7A, 0x7A5A96, 0xE08C8C, 0xFFD0A0, 0xF08070, 0x6A5A8E,
        0x43406E, 0x0E0E22, 0xD8A0B0, 0xC8C8E8, 0x2A2E5E, 0xC88AA8, 0x4A3E78, 0x2A2A48, 0x0C0C1C, 0xE890B8,
        0x9A7A8A, 0x1A1A36, 0xFFC870, 0xFFB070, 0xC070D0, 0xFFFFFF};
    private static final int[] NIGHT = {0x03061A, 0x0B1640, 0x1C2E5E, 0x2E4A7A, 0xF4F1E0, 0x8FA8D8, 0x2A3F6A,
        0x1E2D52, 0x060A18, 0x9FB4E0, 0xC8D4F0, 0x0E1A38, 0x6E7FA8, 0x1E2848, 0x14243A, 0x050A14, 0xB0A0E0,
        0x4A4A6A, 0x0C1226, 0xFFD27A, 0xFFD27A, 0x8FB8FF, 0xFFFFFF};

    final int[] c;
    double bloom = 0.22;
    double grain = 0.025;
    double vignette = 0.3;
    double saturation = 1.0;
    double contrast = 1.0;
    double brightness = 1.0;
    double sepia = 0;
    boolean mono;

    private Palette(int[] base) {
        c = base.clone();
    }

    static Palette of(PromptFeatures f) {
        Palette p = new Palette(switch (f.time) {
            case SUNRISE -> SUNRISE;
            case SUNSET -> SUNSET;
            case GOLDEN -> GOLDEN;
            case DUSK -> DUSK;
            case NIGHT -> NIGHT;
            default -> DAY;
        });
        Moods.apply(p, f);
        p.applyColours(f);
        p.rotateAll(f.hueNudge * 0.7);
        for (Lexicon.Hue avoid : f.avoidColours) {
            p.avoid(avoid.hue());
        }
        if (f.noGrain) {
            p.grain = 0;
        }
        return p;
    }

    void set(int slot, int rgb) {
        c[slot] = rgb;
    }

    void tint(double hue, double amount, int... slots) {
        for (int s : slots) {
            c[s] = Rgb.towardHue(c[s], hue, amount);
        }
    }

    void mixAll(int colour, double amount, int... slots) {
        for (int s : slots) {
            c[s] = Rgb.mix(c[s], colour, amount);
        }
    }

    void adjustAll(double sat, double light, double lightAdd) {
        for (int s = 0; s < SLOTS; s++) {
            c[s] = Rgb.adjust(c[s], sat, light, lightAdd);
        }
    }

    private void rotateAll(double degrees) {
        if (Math.abs(degrees) < 0.5) {
            return;
        }
        for (int s = 0; s < SLOTS; s++) {
            c[s] = Rgb.shiftHue(c[s], s <= HAZE || s == WATER ? degrees : degrees * 0.5);
        }
    }

    private void avoid(double hue) {
        for (int s = 0; s < SLOTS; s++) {
            double[] hsl = Rgb.toHsl(c[s]);
            double d = ((hsl[0] - hue) % 360 + 540) % 360 - 180;
            if (hsl[1] > 0.15 && Math.abs(d) < 45) {
                c[s] = Rgb.hsl(hue + (d >= 0 ? 60 : -60), hsl[1] * 0.8, hsl[2]);
            }
        }
    }

    private void applyColours(PromptFeatures f) {
        int general = 0;
        for (PromptFeatures.ColourHint hint : f.colours) {
            Lexicon.Hue h = hint.hue();
            if (h.sat() < 0.05) {
                achromatic(h.light(), hint.target());
                continue;
            }
            int exact = Rgb.hsl(h.hue(), h.sat(), h.light());
            switch (hint.target()) {
                case SKY -> tint(h.hue(), 0.75, SKY_TOP, SKY_MID, SKY_LOW, HAZE);
                case SUN -> {
                    tint(h.hue(), 0.85, SUN, SUN_GLOW, HORIZON);
                    tint(h.hue(), 0.3, SKY_LOW, HAZE);
                }
                case WATER -> c[WATER] = Rgb.mix(c[WATER], Rgb.hsl(h.hue(), h.sat(), Rgb.toHsl(c[WATER])[2]), 0.85);
                case LAND -> {
                    tint(h.hue(), 0.75, LAND_FAR, LAND_NEAR, SAND, LIT);
                    c[LAND_NEAR] = Rgb.mix(c[LAND_NEAR], Rgb.hsl(h.hue(), h.sat(), h.light() * 0.7), 0.5);
                    c[FOLIAGE] = Rgb.mix(c[FOLIAGE], exact, 0.5);
                    c[FOLIAGE_NEAR] = Rgb.mix(c[FOLIAGE_NEAR], Rgb.hsl(h.hue(), h.sat(), h.light() * 0.6), 0.5);
                }
                case FOLIAGE -> {
                    c[FOLIAGE] = Rgb.mix(c[FOLIAGE], exact, 0.8);
                    c[FOLIAGE_NEAR] = Rgb.mix(c[FOLIAGE_NEAR], Rgb.hsl(h.hue(), h.sat(), h.light() * 0.6), 0.7);
                }
                case CITY -> {
                    c[WINDOW] = Rgb.mix(exact, 0xFFFFFF, 0.2);
                    c[ACCENT] = exact;
                    tint(h.hue(), 0.3, BUILDING);
                }
                case CLOUDS -> tint(h.hue(), 0.7, CLOUD_LIGHT, CLOUD_SHADOW);
                case FLOWERS -> c[BLOSSOM] = exact;
                case PLANET -> {
                    c[ACCENT2] = exact;
                    c[ACCENT] = Rgb.mix(c[ACCENT], exact, 0.5);
                }
                default -> {
                    if (general == 0) {
                        tint(h.hue(), 0.6, SKY_TOP, SKY_MID, LAND_FAR, WATER, CLOUD_SHADOW);
                        tint(h.hue(), 0.35, SKY_LOW, HAZE, LAND_NEAR);
                        c[ACCENT] = exact;
                    } else if (general == 1) {
                        tint(h.hue(), 0.6, SKY_LOW, HORIZON, SUN_GLOW, HAZE);
                        tint(h.hue(), 0.3, LAND_NEAR, FOLIAGE);
                        c[ACCENT2] = exact;
                    } else {
                        tint(h.hue(), 0.5, FOLIAGE, FOLIAGE_NEAR, BLOSSOM, CLOUD_LIGHT);
                    }
                    general++;
                }
            }
            if (h.sat() > 0.9) {
                saturation = Math.max(saturation, 1.25);
                bloom = Math.max(bloom, 0.35);
            }
        }
    }

    private void achromatic(double light, Lexicon.Target target) {
        int[] slots = switch (target) {
            case SKY -> new int[] {SKY_TOP, SKY_MID, SKY_LOW};
            case WATER -> new int[] {WATER};
            case LAND -> new int[] {LAND_FAR, LAND_NEAR, SAND};
            case FOLIAGE -> new int[] {FOLIAGE, FOLIAGE_NEAR};
            case CLOUDS -> new int[] {CLOUD_LIGHT, CLOUD_SHADOW};
            case CITY -> new int[] {BUILDING};
            case FLOWERS -> new int[] {BLOSSOM};
            case SUN -> new int[] {SUN, SUN_GLOW};
            default -> null;
        };
        if (slots == null) {
            if (light < 0.2) {
                adjustAll(0.85, 0.8, 0);
                vignette += 0.15;
            } else if (light > 0.8) {
                adjustAll(0.8, 0.9, 0.12);
            } else {
                saturation *= 0.7;
            }
            return;
        }
        for (int s : slots) {
            double[] hsl = Rgb.toHsl(c[s]);
            c[s] = Rgb.hsl(hsl[0], hsl[1] * 0.25, hsl[2] * 0.4 + light * 0.6);
        }
    }
}
