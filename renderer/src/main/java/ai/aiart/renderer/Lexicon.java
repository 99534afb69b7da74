package ai.aiart.renderer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The vocabulary: which prompt words switch on which {@link Tag}s, and which words are colours. */
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

    static {
        tag(Tag.SUNRISE, "sunrise dawn daybreak morning sunup first_light");
        tag(Tag.SUNSET, "sunset sundown evening afterglow setting_sun");
        tag(Tag.GOLDEN, "golden_hour afternoon magic_hour");
        tag(Tag.DUSK, "dusk twilight blue_hour gloaming nightfall");
        tag(Tag.NIGHT, "night midnight nighttime nocturnal moonlight moonlit starry starlit nightsky");
        tag(Tag.DAY, "day daytime noon midday daylight sunshine sunny summer_day");
        tag(Tag.FOG, "fog foggy mist misty haze hazy smoke smoky smog murky cloud_forest");
        tag(Tag.RAIN, "rain rainy raining rainfall drizzle downpour monsoon shower wet puddle raindrops");
        tag(Tag.SNOW, "snow snowy snowfall snowing blizzard frost frosty frozen icy ice glacier arctic tundra"
                + " snowflake snowflakes");
        tag(Tag.STORM, "storm stormy thunder thunderstorm lightning tempest hurricane tornado cyclone");
        tag(Tag.CLOUDS, "cloud cloudy overcast cumulus cloudscape");
        tag(Tag.CLEAR, "clear cloudless");
        tag(Tag.MOUNTAINS, "mountain peak alps alpine summit cliff canyon ridge range himalaya himalayas rocky"
                + " rock crag everest fjord volcano highlands massif");
        tag(Tag.HILLS, "hill rolling countryside landscape field farmland prairie plain grassland savanna"
                + " steppe valley grass scenery nature");
        tag(Tag.DESERT, "desert dune sand sandy sahara arid wasteland oasis canyon mesa badlands");
        tag(Tag.OCEAN, "ocean sea seascape wave surf marine coast coastal harbor harbour bay nautical water"
                + " underwater");
        tag(Tag.BEACH, "beach shore seaside tropical shoreline");
        tag(Tag.LAKE, "lake pond reflection lagoon loch mirror oasis fjord pool");
        tag(Tag.RIVER, "river stream creek brook waterfall canal");
        tag(Tag.FOREST, "forest wood woods woodland jungle rainforest pine pinetree taiga grove evergreen"
                + " cloud_forest");
        tag(Tag.TREES, "tree oak birch willow maple orchard sakura cherry_blossom");
        tag(Tag.BLOSSOM, "sakura cherry_blossom blossom blossoming");
        tag(Tag.LONE, "lone single solitary lonely isolated");
        tag(Tag.PALMS, "palm palmtree tropical coconut paradise");
        tag(Tag.CITY, "city skyline skyscraper building downtown urban metropolis town street tower"
                + " architecture megacity cityscape tokyo york paris london manhattan shanghai hongkong");
        tag(Tag.SPACE, "space cosmos cosmic universe galaxy nebula astronaut interstellar outer_space starship"
                + " spaceship orbit celestial astral alien planet saturn jupiter mars exoplanet");
        tag(Tag.GALAXY, "galaxy milky_way nebula cosmic universe");
        tag(Tag.PLANET, "planet saturn jupiter mars exoplanet alien_world");
        tag(Tag.STARS, "star starry starlit constellation starfield stargazing");
        tag(Tag.MOON, "moon moonlight moonlit lunar crescent full_moon moonrise");
        tag(Tag.SUN, "sun sunlight sunshine solar sunbeam sunny sunray");
        tag(Tag.AURORA, "aurora aurora_borealis northern_lights borealis polar_lights");
        tag(Tag.RAINBOW, "rainbow prism spectrum");
        tag(Tag.FLOWERS, "flower floral meadow garden blossom bloom blooming tulip poppy sunflower daisy"
                + " wildflower lily orchid cherry_blossom sakura petal roses lavender_field");
        tag(Tag.ISLAND, "island isle atoll archipelago");
        tag(Tag.VOLCANO, "volcano volcanic lava magma eruption erupting inferno");
        tag(Tag.EMBERS, "fire flame burning ember embers spark sparks firefly fireflies inferno lava");
        tag(Tag.CASTLE, "castle palace fortress citadel kingdom temple ruins cathedral");
        tag(Tag.CABIN, "cabin cottage house village hut farm farmhouse home cozy barn chalet lodge");
        tag(Tag.BOAT, "boat ship sail sailboat sailing yacht ferry fishing pirate");
        tag(Tag.BIRDS, "bird flock seagull eagle crow swallow");
        tag(Tag.BALLOONS, "balloon hot_air_balloon airship zeppelin");
        tag(Tag.LIGHTHOUSE, "lighthouse beacon");
        tag(Tag.CYBERPUNK, "cyberpunk cyber neon futuristic scifi sci dystopian dystopia blade_runner robot"
                + " android cyborg hacker matrix hologram");
        tag(Tag.VAPORWAVE, "vaporwave synthwave retrowave outrun 80s eighties");
        tag(Tag.PASTEL, "pastel cute kawaii candy cotton_candy");
        tag(Tag.NOIR, "noir monochrome monochromatic black_and_white grayscale greyscale");
        tag(Tag.AUTUMN, "autumn fall autumnal october harvest pumpkin leaves foliage");
        tag(Tag.WINTER, "winter wintry christmas december cold chilly frozen");
        tag(Tag.SPRING, "spring springtime april blossom sakura cherry_blossom");
        tag(Tag.SUMMER, "summer summertime hot heat tropical");
        tag(Tag.FANTASY, "fantasy magical magic enchanted fairy fairytale mystical mythical dragon wizard elf"
                + " elven unicorn sorcery arcane glowing fireflies");
        tag(Tag.DREAMY, "dreamy dream ethereal soft surreal heavenly whimsical dreamlike");
        tag(Tag.VINTAGE, "vintage steampunk retro old antique nostalgic nostalgia sepia faded classic polaroid film analog");
        tag(Tag.MINIMAL, "minimal minimalist minimalistic simple clean");
        tag(Tag.DARK, "dark gloomy moody eerie creepy spooky horror haunted ominous sinister gothic grim bleak"
                + " melancholy sad");
        tag(Tag.EPIC, "epic dramatic majestic grand cinematic breathtaking awe huge giant massive towering");
        tag(Tag.CALM, "calm peaceful serene tranquil quiet still relaxing zen gentle");
        tag(Tag.BRIGHT, "bright vibrant vivid colorful colourful cheerful happy joyful lively");
        tag(Tag.S_WATERCOLOR, "watercolor watercolour aquarelle gouache");
        tag(Tag.S_PIXEL, "pixel pixelart pixel_art 8bit 16bit 8_bit 16_bit pixelated");
        tag(Tag.S_LOWPOLY, "lowpoly low_poly polygonal geometric faceted");
        tag(Tag.S_LINE, "lineart line_art sketch drawing ink pencil outline coloring");
        tag(Tag.S_OIL, "oil_painting impasto impressionist impressionism van_gogh brushstrokes");
        tag(Tag.S_ANIME, "anime manga ghibli cartoon cel");
        tag(Tag.S_PHOTO, "photo photograph photographic photorealistic realistic hyperrealistic 4k 8k hdr dslr");
        tag(Tag.S_DIGITAL, "digital_art concept_art artstation digital");
        tag(Tag.S_NEON, "neonpunk neon_punk");

        colour(0, .75, .5, "red");
        colour(348, .8, .42, "crimson ruby");
        colour(5, .85, .5, "scarlet");
        colour(0, .6, .28, "maroon burgundy");
        colour(28, .9, .55, "orange tangerine");
        colour(40, .9, .55, "amber");
        colour(45, .85, .55, "gold golden");
        colour(55, .9, .6, "yellow lemon");
        colour(90, .75, .5, "lime");
        colour(125, .55, .42, "green verdant");
        colour(145, .7, .4, "emerald");
        colour(155, .5, .72, "mint");
        colour(155, .45, .45, "jade");
        colour(70, .4, .38, "olive");
        colour(178, .6, .4, "teal");
        colour(172, .65, .55, "turquoise");
        colour(186, .8, .55, "aqua cyan");
        colour(205, .8, .6, "azure");
        colour(218, .7, .5, "blue");
        colour(222, .75, .42, "sapphire cobalt");
        colour(228, .6, .25, "navy");
        colour(250, .55, .35, "indigo");
        colour(270, .6, .55, "violet");
        colour(280, .55, .45, "purple");
        colour(265, .55, .75, "lavender");
        colour(285, .45, .7, "lilac");
        colour(310, .8, .5, "magenta");
        colour(315, .85, .55, "fuchsia");
        colour(335, .75, .72, "pink");
        colour(345, .6, .65, "rose");
        colour(12, .8, .65, "coral");
        colour(25, .8, .75, "peach");
        colour(8, .7, .68, "salmon");
        colour(22, .65, .45, "copper rust");
        colour(32, .55, .4, "bronze");
        colour(25, .45, .3, "brown");
        colour(38, .35, .78, "beige cream");
        colour(210, .08, .75, "silver");
        colour(0, 0, .95, "white");
        colour(0, 0, .06, "black");
        colour(0, 0, .5, "gray grey");
        colour(300, .95, .55, "neon");

        FLOWER_COLOURS.put("sunflower", new Hue(48, .95, .55));
        FLOWER_COLOURS.put("rose", new Hue(350, .75, .5));
        FLOWER_COLOURS.put("tulip", new Hue(355, .8, .55));
        FLOWER_COLOURS.put("poppy", new Hue(5, .85, .5));
        FLOWER_COLOURS.put("lavender", new Hue(270, .5, .65));
        FLOWER_COLOURS.put("daisy", new Hue(55, .25, .92));
        FLOWER_COLOURS.put("bluebell", new Hue(230, .6, .6));

        target(Target.SKY, "sky skies heaven horizon");
        target(Target.SUN, "sun sunset sunrise moon light glow");
        target(Target.WATER, "water sea ocean lake river wave pond");
        target(Target.LAND, "mountain hill peak land ground dune desert sand rock cliff field");
        target(Target.FOLIAGE, "tree forest leaf leaves foliage wood grass jungle");
        target(Target.CITY, "city building light window skyline tower street");
        target(Target.CLOUDS, "cloud");
        target(Target.FLOWERS, "flower blossom petal rose tulip");
        target(Target.PLANET, "planet nebula galaxy moon");
    }

    private Lexicon() {
    }

    static final Set<String> STOP = Set.of("the", "and", "with", "for", "from", "into", "onto", "over",
            "under", "above", "below", "near", "by", "of", "in", "on", "at", "to", "a", "an", "is", "are", "very",
            "some", "its", "their", "this", "that", "high", "quality", "detailed", "highly", "masterpiece", "best",
            "beautiful", "art", "style", "view", "scene", "image", "picture", "background", "wallpaper", "no", "not",
            "without", "never");
    /** Words that turn the following word into a negative ("no clouds", "without trees"). */
    static final Set<String> NEGATIONS = Set.of("no", "not", "without", "never");

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

    private static void tag(Tag t, String words) {
        for (String w : words.split(" ")) {
            Tag[] old = WORDS.get(w);
            Tag[] next = old == null ? new Tag[1] : java.util.Arrays.copyOf(old, old.length + 1);
            next[next.length - 1] = t;
            WORDS.put(w, next);
        }
    }

    private static void colour(double hue, double sat, double light, String words) {
        for (String w : words.split(" ")) {
            COLOURS.put(w, new Hue(hue, sat, light));
        }
    }

    private static void target(Target t, String words) {
        for (String w : words.split(" ")) {
            TARGETS.put(w, t);
        }
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
