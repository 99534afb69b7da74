package ai.aiart.provider.local;

/** Scene features a prompt word can switch on. */
enum Tag {
    // time of day
    SUNRISE, SUNSET, GOLDEN, DUSK, NIGHT, DAY,
    // weather
    FOG, RAIN, SNOW, STORM, CLOUDS, CLEAR,
    // terrain
    MOUNTAINS, HILLS, DESERT, OCEAN, BEACH, LAKE, RIVER, FOREST, CITY, SPACE, FLOWERS, ISLAND, VOLCANO,
    // sky features and props
    SUN, MOON, STARS, GALAXY, PLANET, AURORA, RAINBOW, TREES, BLOSSOM, LONE, PALMS, CASTLE, CABIN, BOAT, BIRDS, EMBERS,
    BALLOONS, LIGHTHOUSE,
    // moods
    CYBERPUNK, VAPORWAVE, PASTEL, NOIR, AUTUMN, WINTER, SPRING, SUMMER, FANTASY, DREAMY, VINTAGE, MINIMAL,
    DARK, EPIC, CALM, BRIGHT,
    // rendering treatments named in the prompt
    S_WATERCOLOR, S_PIXEL, S_LOWPOLY, S_LINE, S_OIL, S_ANIME, S_PHOTO, S_DIGITAL, S_NEON;

    static final Tag[] TIMES = {SUNRISE, SUNSET, GOLDEN, DUSK, NIGHT, DAY};
    static final Tag[] TERRAINS = {MOUNTAINS, HILLS, DESERT, OCEAN, BEACH, LAKE, RIVER, FOREST, CITY, SPACE,
        FLOWERS, ISLAND, VOLCANO};
}
