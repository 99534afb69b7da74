package ai.aiart.renderer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a prompt asks for: weighted {@link Tag}s (with defaults filled in from the prompt's hash
 * when it names no time of day or terrain), colour hints, and a hash-driven "variety" from the
 * words the lexicon does not know. Independent of the seed.
 */
final class PromptFeatures {

    /** A colour word, optionally attached to a part of the picture. */
    record ColourHint(Lexicon.Hue hue, Lexicon.Target target) {
    }

    private final double[] weight = new double[Tag.values().length];
    private final int[] firstIndex = new int[Tag.values().length];
    final Set<Tag> suppressed = EnumSet.noneOf(Tag.class);
    final List<ColourHint> colours = new ArrayList<>();
    final List<Lexicon.Hue> avoidColours = new ArrayList<>();
    /** Hash of every word of the prompt: picks defaults and palette nudges. */
    final long promptHash;
    /** Hue nudge in degrees from the unknown words. */
    final double hueNudge;
    /** Number of words the lexicon did not know. */
    final int unknownWords;
    final long unknownHash;
    final boolean noGrain;
    final Tag time;

    private PromptFeatures(String prompt, String negative) {
        java.util.Arrays.fill(firstIndex, Integer.MAX_VALUE);
        List<String> words = Lexicon.tokens(prompt);
        List<String> negated = new ArrayList<>();
        long ph = 0x51ED270B;
        long uh = 0x2545F491;
        double nudge = 0;
        int unknown = 0;
        for (String w : words) {
            ph = Noise.mix(ph * 31 + w.hashCode());
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i > 0 && Lexicon.NEGATIONS.contains(words.get(i - 1))) {
                negated.add(w);
                continue;
            }
            String bigram = i + 1 < words.size() ? w + "_" + words.get(i + 1) : null;
            String trigram = i + 2 < words.size() ? bigram + "_" + words.get(i + 2) : null;
            Tag[] tags = trigram != null ? Lexicon.tags(trigram) : null;
            int skip = tags != null ? 2 : 0;
            if (tags == null && bigram != null) {
                tags = Lexicon.tags(bigram);
                skip = tags != null ? 1 : 0;
            }
            boolean phrase = tags != null;
            if (tags == null) {
                tags = Lexicon.tags(w);
            }
            Lexicon.Hue hue = phrase ? null : Lexicon.colour(w);
            if (tags != null) {
                for (Tag t : tags) {
                    add(t, phrase ? 1.5 : 1.0, i);
                }
            }
            if (hue != null) {
                colours.add(new ColourHint(hue, targetAfter(words, i)));
            } else if (Lexicon.flowerColour(w) != null) {
                colours.add(new ColourHint(Lexicon.flowerColour(w), Lexicon.Target.FLOWERS));
            }
            if (tags == null && hue == null && w.length() > 2 && !Lexicon.STOP.contains(w)) {
                long hw = Noise.mix(w.hashCode() * 0x9E3779B97F4A7C15L);
                nudge += ((hw & 0xFFFF) / 65535.0 - 0.5) * 36;
                uh = Noise.mix(uh ^ hw);
                unknown++;
            }
            i += skip;
        }
        this.promptHash = ph;
        this.unknownHash = uh;
        this.unknownWords = unknown;
        this.hueNudge = Math.max(-30, Math.min(30, nudge));
        boolean grainOff = false;
        negated.addAll(Lexicon.tokens(negative));
        for (String w : negated) {
            Tag[] tags = Lexicon.tags(w);
            if (tags != null) {
                for (Tag t : tags) {
                    suppress(t);
                }
            }
            Lexicon.Hue hue = Lexicon.colour(w);
            if (hue != null && tags == null) {
                avoidColours.add(hue);
            }
            grainOff |= Lexicon.takesGrainAway(w);
            Tag[] more = Lexicon.leavesOut(w);
            if (more != null) {
                suppressAll(more);
            }
        }
        this.noGrain = grainOff;
        applyImplications();
        this.time = pickTime();
        pickTerrainIfNone();
    }

    static PromptFeatures parse(String prompt, String negative) {
        return new PromptFeatures(prompt, negative);
    }

    private static Lexicon.Target targetAfter(List<String> words, int i) {
        for (int k = i + 1; k < Math.min(words.size(), i + 3); k++) {
            Lexicon.Target t = Lexicon.target(words.get(k));
            if (t != null) {
                return t;
            }
        }
        return Lexicon.Target.GENERAL;
    }

    private void add(Tag t, double w, int index) {
        weight[t.ordinal()] += w;
        firstIndex[t.ordinal()] = Math.min(firstIndex[t.ordinal()], index);
    }

    private void suppress(Tag t) {
        suppressed.add(t);
        weight[t.ordinal()] = 0;
    }

    private void suppressAll(Tag... tags) {
        for (Tag t : tags) {
            suppress(t);
        }
    }

    /** Adds a tag implied by another unless the negative prompt suppressed it. */
    private void imply(Tag t, double w) {
        if (!suppressed.contains(t) && weight[t.ordinal()] < w) {
            weight[t.ordinal()] = w;
            firstIndex[t.ordinal()] = Math.min(firstIndex[t.ordinal()], 1000);
        }
    }

    private void applyImplications() {
        if (has(Tag.STORM)) {
            imply(Tag.CLOUDS, 1);
            imply(Tag.RAIN, 0.8);
        }
        if (has(Tag.BEACH) || has(Tag.ISLAND) || has(Tag.BOAT) || has(Tag.LIGHTHOUSE)) {
            imply(Tag.OCEAN, 0.6);
        }
        if (has(Tag.PLANET) || has(Tag.GALAXY) && !hasAny(Tag.TERRAINS) && !has(Tag.TREES)) {
            imply(Tag.SPACE, 0.6);
        }
        if (has(Tag.GALAXY)) {
            imply(Tag.STARS, 0.6);
        }
        if (has(Tag.WINTER) && !has(Tag.CITY)) {
            imply(Tag.SNOW, 0.5);
        }
        if (has(Tag.BLOSSOM)) {
            imply(Tag.TREES, 0.8);
        }
        if (has(Tag.AUTUMN) || has(Tag.SPRING)) {
            imply(Tag.TREES, 0.5);
        }
        if (has(Tag.VOLCANO)) {
            imply(Tag.EMBERS, 0.5);
        }
        if (has(Tag.CYBERPUNK) && !hasAny(Tag.TERRAINS)) {
            imply(Tag.CITY, 0.8);
        }
        if (has(Tag.PALMS)) {
            imply(Tag.BEACH, 0.5);
            imply(Tag.OCEAN, 0.5);
        }
        if (has(Tag.VAPORWAVE) && !hasAny(Tag.TERRAINS)) {
            imply(Tag.MOUNTAINS, 0.6);
        }
        if (has(Tag.CALM) && !hasAny(Tag.TERRAINS)) {
            imply(Tag.LAKE, 0.5);
        }
    }

    private Tag pickTime() {
        Tag best = null;
        for (Tag t : Tag.TIMES) {
            if (has(t) && (best == null || weight[t.ordinal()] > weight[best.ordinal()]
                    || (weight[t.ordinal()] == weight[best.ordinal()] && firstIndex[t.ordinal()] < firstIndex[best.ordinal()]))) {
                best = t;
            }
        }
        if (best != null) {
            return best;
        }
        if (has(Tag.SPACE) || has(Tag.STARS) || has(Tag.AURORA) || has(Tag.MOON) || has(Tag.CYBERPUNK)
                || has(Tag.NOIR) && has(Tag.CITY)) {
            return suppressed.contains(Tag.NIGHT) ? Tag.DUSK : Tag.NIGHT;
        }
        if (has(Tag.VAPORWAVE)) {
            return Tag.SUNSET;
        }
        if (has(Tag.STORM) || has(Tag.RAIN) || has(Tag.SNOW) || has(Tag.FOG) || has(Tag.RAINBOW)) {
            return Tag.DAY;
        }
        Tag[] pool = hasAny(Tag.SUMMER, Tag.BEACH, Tag.PALMS, Tag.FLOWERS, Tag.SPRING, Tag.BRIGHT, Tag.RAINBOW)
                ? new Tag[] {Tag.DAY, Tag.GOLDEN, Tag.DAY, Tag.SUNSET}
                : new Tag[] {Tag.DAY, Tag.GOLDEN, Tag.SUNSET, Tag.DAY, Tag.SUNRISE, Tag.DUSK, Tag.GOLDEN, Tag.NIGHT};
        int start = Math.floorMod(promptHash >>> 7, pool.length);
        for (int k = 0; k < pool.length; k++) {
            Tag t = pool[(start + k) % pool.length];
            if (!suppressed.contains(t)) {
                return t;
            }
        }
        return Tag.DAY;
    }

    private void pickTerrainIfNone() {
        if (hasAny(Tag.TERRAINS) || has(Tag.TREES) || has(Tag.CASTLE) || has(Tag.CABIN)) {
            return;
        }
        Tag[][] pool = {{Tag.MOUNTAINS, Tag.LAKE}, {Tag.HILLS, Tag.TREES}, {Tag.MOUNTAINS, Tag.FOREST},
            {Tag.OCEAN, Tag.BEACH}, {Tag.DESERT}, {Tag.MOUNTAINS, Tag.RIVER}, {Tag.HILLS, Tag.FLOWERS},
            {Tag.MOUNTAINS}, {Tag.ISLAND, Tag.OCEAN}, {Tag.FOREST, Tag.LAKE}};
        int start = Math.floorMod(promptHash >>> 19, pool.length);
        for (int k = 0; k < pool.length; k++) {
            Tag[] pick = pool[(start + k) % pool.length];
            boolean ok = true;
            for (Tag t : pick) {
                ok &= !suppressed.contains(t);
            }
            if (ok) {
                for (Tag t : pick) {
                    imply(t, 0.7);
                }
                return;
            }
        }
        imply(Tag.HILLS, 0.7);
    }

    boolean has(Tag t) {
        return weight[t.ordinal()] > 0;
    }

    boolean hasAny(Tag... tags) {
        for (Tag t : tags) {
            if (has(t)) {
                return true;
            }
        }
        return false;
    }

    double weight(Tag t) {
        return weight[t.ordinal()];
    }

    /** A value in [0, 1) derived from the unknown words (0.5-ish spread when there are none). */
    double variety(int slot) {
        return Noise.hash01(unknownHash, slot);
    }

    /** The rendering treatment the prompt's words ask for, or null. */
    String impliedStyle() {
        Tag[] styles = {Tag.S_PIXEL, Tag.S_LOWPOLY, Tag.S_LINE, Tag.S_WATERCOLOR, Tag.S_OIL, Tag.S_ANIME,
            Tag.S_NEON, Tag.S_PHOTO, Tag.S_DIGITAL};
        String[] names = {"pixel-art", "low-poly", "line-art", "watercolor", "oil-painting", "anime",
            "neon-punk", "photographic", "digital-art"};
        for (int i = 0; i < styles.length; i++) {
            if (has(styles[i])) {
                return names[i];
            }
        }
        return null;
    }
}
