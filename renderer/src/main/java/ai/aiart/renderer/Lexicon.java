package ai.aiart.renderer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary: which prompt words switch on which {@link Tag}s, which words are colours and what
 * they colour, and which words are stop words, negations, or leave out more than their tags. The
 * words are in the word lists ({@link WordLists}: {@code tags.txt}, {@code colours.txt},
 * {@code flower-colours.txt}, {@code targets.txt}, {@code stop-words.txt}, {@code negations.txt},
 * {@code leave-out.txt}, {@code no-grain.txt}), read once when this class is first used.
 */
final class Lexicon {

    /** A colour word: hue in degrees, saturation and lightness 0..1. */
    record Hue(double hue, double sat, double light) {
    }

    /** Parts of the picture a colour word can be attached to ("purple sky", "red trees"). */
    enum Target { GENERAL, SKY, SUN, WATER, LAND, FOLIAGE, CITY, CLOUDS, FLOWERS, PLANET }

    private static final Map<String, Tag[]> WORDS = new HashMap<>();
    private static final Map<String, Hue> COLOURS = new HashMap<>();
    private static final Map<String, Target> TARGETS = new HashMap<>();
    private static final Map<String, Hue> FLOWER_COLOURS = new HashMap<>();
    private static final Map<String, Tag[]> LEAVE_OUT = new HashMap<>();

    static {
        for (WordLists.Entry e : WordLists.keyed("tags.txt")) {
            Tag t = tag(e, e.key());
            for (String w : e.words()) {
                Tag[] old = WORDS.get(w);
                Tag[] next = old == null ? new Tag[1] : Arrays.copyOf(old, old.length + 1);
                next[next.length - 1] = t;
                WORDS.put(w, next);
            }
        }
        colours("colours.txt", COLOURS);
        colours("flower-colours.txt", FLOWER_COLOURS);
        for (WordLists.Entry e : WordLists.keyed("targets.txt")) {
            Target t;
            try {
                t = Target.valueOf(e.key());
            } catch (IllegalArgumentException unknown) {
                throw e.error("\"" + e.key() + "\" is not a part of the picture (one of " + Arrays.toString(Target.values()) + ")");
            }
            for (String w : e.words()) {
                TARGETS.put(w, t);
            }
        }
        for (WordLists.Entry e : WordLists.keyed("leave-out.txt")) {
            Tag[] tags = Arrays.stream(e.key().split("\\s+")).map(name -> tag(e, name)).toArray(Tag[]::new);
            for (String w : e.words()) {
                Tag[] old = LEAVE_OUT.get(w);
                LEAVE_OUT.put(w, old == null ? tags : concat(old, tags));
            }
        }
    }

    static final Set<String> STOP = Set.copyOf(WordLists.plain("stop-words.txt", false));
    /** Words that turn the following word into a negative ("no clouds", "without trees"). */
    static final Set<String> NEGATIONS = Set.copyOf(WordLists.plain("negations.txt", false));
    /** Negated words that take the film grain away: whole words, and prefixes (their "*" removed). */
    private static final Set<String> NO_GRAIN = new HashSet<>();
    private static final List<String> NO_GRAIN_PREFIXES = new ArrayList<>();

    static {
        for (String w : WordLists.plain("no-grain.txt", true)) {
            if (w.endsWith("*")) {
                NO_GRAIN_PREFIXES.add(w.substring(0, w.length() - 1));
            } else {
                NO_GRAIN.add(w);
            }
        }
    }

    private Lexicon() {
    }

    /** Lower-case words (letters and digits) of {@code s}; empty for null. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String t : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The tag a list names, or an error naming its file and line. */
    private static Tag tag(WordLists.Entry e, String name) {
        try {
            return Tag.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw e.error("\"" + name + "\" is not a tag (the names of Tag.java)");
        }
    }

    /** Reads a list of {@code HUE SATURATION LIGHTNESS: word word …} into {@code into}; a later line wins. */
    private static void colours(String file, Map<String, Hue> into) {
        for (WordLists.Entry e : WordLists.keyed(file)) {
            String[] hsl = e.key().split("\\s+");
            Hue hue;
            try {
                if (hsl.length != 3) {
                    throw new NumberFormatException();
                }
                hue = new Hue(Double.parseDouble(hsl[0]), Double.parseDouble(hsl[1]), Double.parseDouble(hsl[2]));
            } catch (NumberFormatException notNumbers) {
                throw e.error("expected three numbers (hue saturation lightness) before the \":\", found \"" + e.key() + "\"");
            }
            for (String w : e.words()) {
                into.put(w, hue);
            }
        }
    }

    private static Tag[] concat(Tag[] a, Tag[] b) {
        Tag[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Tags for a word or bigram ("northern_lights"), trying simple plural stems; null when unknown. */
    static Tag[] tags(String word) {
        return lookup(WORDS, word);
    }

    static Hue colour(String word) {
        return lookup(COLOURS, word);
    }

    static Target target(String word) {
        return lookup(TARGETS, word);
    }

    /** The colour a flower name implies ("sunflower" is yellow), or null. */
    static Hue flowerColour(String word) {
        return lookup(FLOWER_COLOURS, word);
    }

    /**
     * The tags a negated word leaves out besides its own ({@code leave-out.txt}: "water" leaves out
     * the ocean, lakes, rivers …), or null. The word as it is: no plural is tried.
     */
    static Tag[] leavesOut(String word) {
        return LEAVE_OUT.get(word);
    }

    /** Whether a negated word takes the film grain away ({@code no-grain.txt}: "no grain", "noise"). */
    static boolean takesGrainAway(String word) {
        if (NO_GRAIN.contains(word)) {
            return true;
        }
        for (String prefix : NO_GRAIN_PREFIXES) {
            if (word.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T lookup(Map<String, T> map, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        T v = map.get(w);
        if (v == null && w.length() > 3 && w.endsWith("ies")) {
            v = map.get(w.substring(0, w.length() - 3) + "y");
        }
        if (v == null && w.length() > 3 && w.endsWith("es")) {
            v = map.get(w.substring(0, w.length() - 2));
        }
        if (v == null && w.length() > 2 && w.endsWith("s")) {
            v = map.get(w.substring(0, w.length() - 1));
        }
        return v;
    }
}
