package ai.aiart.renderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The word lists' format (renderer/README.md, "Word lists"): comments and blank lines left out,
 * entries in the file's order, and a malformed line refused with its file and line named.
 */
class WordListsTest {

    @Test
    void keyedListsGiveTheirEntriesInOrderWithoutCommentsOrBlankLines() {
        List<WordLists.Entry> entries = WordLists.keyed("x.txt", List.of(
                "# a comment", "", "SUNRISE: dawn  daybreak first_light # the morning", "   ", "SUNRISE: sunup", "0 .75 .5: red"));
        assertEquals(3, entries.size());
        assertEquals(new WordLists.Entry("x.txt", 3, "SUNRISE", List.of("dawn", "daybreak", "first_light")), entries.get(0));
        assertEquals(new WordLists.Entry("x.txt", 5, "SUNRISE", List.of("sunup")), entries.get(1));
        assertEquals("0 .75 .5", entries.get(2).key());
    }

    @Test
    void plainListsGiveOneWordALine() {
        assertEquals(List.of("the", "and", "8bit"), WordLists.plain("x.txt", List.of("# stop words", "the", " and ", "", "8bit # ok"), false));
        assertEquals(List.of("grain*", "noise"), WordLists.plain("x.txt", List.of("grain*", "noise"), true));
    }

    @Test
    void aMalformedLineIsRefusedWithItsFileAndLine() {
        String[][] keyed = {
            {"SUNRISE dawn", "expected \"key: word word …\""},
            {": dawn", "nothing before the \":\""},
            {"SUNRISE:   # no words", "no words after \"SUNRISE:\""},
            {"SUNRISE: Dawn", "\"Dawn\" is not a word a prompt can hold"},
            {"SUNRISE: first-light", "\"first-light\" is not a word"},
            {"SUNRISE: dawn_", "\"dawn_\" is not a word"},
            {"SUNRISE: dawn*", "\"dawn*\" is not a word"},
        };
        for (String[] c : keyed) {
            assertRefused("ai/aiart/renderer/tags.txt:4: " + c[1],
                    () -> WordLists.keyed("ai/aiart/renderer/tags.txt", List.of("# the tags", "", "NIGHT: night", c[0])));
        }
        String[][] plain = {
            {"no not", "one word a line expected, found \"no not\""},
            {"key: word", "one word a line expected"},
            {"NO", "\"NO\" is not a word"},
            {"grain*", "\"grain*\" is not a word"},
        };
        for (String[] c : plain) {
            assertRefused("ai/aiart/renderer/negations.txt:2: " + c[1],
                    () -> WordLists.plain("ai/aiart/renderer/negations.txt", List.of("never", c[0]), false));
        }
        assertRefused("no-grain.txt:1: \"grain**\" is not a word", () -> WordLists.plain("no-grain.txt", List.of("grain**"), true));
    }

    /** Reading the list fails with a message that starts with {@code start} (file:line: what). */
    private static void assertRefused(String start, Executable read) {
        IllegalStateException e = assertThrows(IllegalStateException.class, read, start);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void anEntryNamesItsFileAndLineInTheErrorsOfItsUser() {
        WordLists.Entry entry = WordLists.keyed("ai/aiart/renderer/targets.txt", List.of("", "SKYY: sky")).get(0);
        assertEquals("ai/aiart/renderer/targets.txt:2: \"SKYY\" is not a part of the picture",
                entry.error("\"SKYY\" is not a part of the picture").getMessage());
    }

    @Test
    void aMissingListIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WordLists.plain("no-such-list.txt", false));
        assertEquals("ai/aiart/renderer/no-such-list.txt: word list missing from the class path", e.getMessage());
    }

    @Test
    void theRenderersListsLoadAndSayWhatTheCodeSaidBefore() {
        assertArrayEquals(new Tag[] {Tag.SUNRISE}, Lexicon.tags("dawn"));
        assertArrayEquals(new Tag[] {Tag.SPACE, Tag.GALAXY}, Lexicon.tags("galaxies"), "a plural, and a word of two tags");
        assertArrayEquals(new Tag[] {Tag.AURORA}, Lexicon.tags("northern_lights"));
        assertEquals(new Lexicon.Hue(348, .8, .42), Lexicon.colour("rubies"));
        assertEquals(new Lexicon.Hue(48, .95, .55), Lexicon.flowerColour("sunflowers"));
        assertEquals(Lexicon.Target.CITY, Lexicon.target("light"), "a later line wins");
        assertEquals(Lexicon.Target.PLANET, Lexicon.target("moon"));
        assertTrue(Lexicon.STOP.contains("masterpiece") && Lexicon.NEGATIONS.contains("without"));
        assertArrayEquals(new Tag[] {Tag.OCEAN, Tag.LAKE, Tag.RIVER, Tag.BEACH, Tag.ISLAND, Tag.BOAT}, Lexicon.leavesOut("water"));
        assertNull(Lexicon.leavesOut("waters"), "exact words only");
        assertTrue(Lexicon.takesGrainAway("grainy") && Lexicon.takesGrainAway("noise"));
        assertFalse(Lexicon.takesGrainAway("noises"));
    }
}
