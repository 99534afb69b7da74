package ai.aiart.renderer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the renderer's word lists: text files beside this class
 * ({@code renderer/src/main/resources/ai/aiart/renderer/*.txt}), so that the vocabulary can be read
 * and extended without reading code (renderer/README.md, "Word lists").
 *
 * <p>The format: UTF-8, one entry a line; blank lines, and everything from {@code #} to the end of a
 * line, are left out. A <em>plain</em> list has one word a line. A <em>keyed</em> list maps words to
 * what they stand for: {@code key: word word …}, where the key (before the first {@code :}) is read
 * by the list's user (a tag name, a part of the picture, a colour's three numbers); a key may come
 * back on later lines, and the entries are handed over in the file's order. A word is what the
 * prompt's tokens can be: lower-case letters and digits, with {@code _} between the words of a
 * phrase ({@code golden_hour}); a word that no prompt could hold is an error rather than an entry
 * that silently never matches.
 *
 * <p>Any malformed line fails the load with an {@link IllegalStateException} whose message starts
 * with the file and line ({@code ai/aiart/renderer/tags.txt:12: …}). The lists are read once, by
 * the static initialisers of their users ({@link Lexicon}), so a broken list stops the first
 * picture, and the tests, at once.
 */
final class WordLists {

    /** Where the lists are, as a class path folder. */
    static final String FOLDER = "ai/aiart/renderer/";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:_[\\p{L}\\p{N}]+)*");

    private WordLists() {
    }

    /**
     * One line of a keyed list.
     *
     * @param file the list's class path name, for errors
     * @param line its line number, from 1
     * @param key the text before the {@code :}, trimmed
     * @param words the words after it, in order, at least one
     */
    record Entry(String file, int line, String key, List<String> words) {

        /** An error about this entry, naming its file and line. */
        IllegalStateException error(String message) {
            return WordLists.error(file, line, message);
        }
    }

    /** The entries of a keyed list in the class path folder, in the file's order. */
    static List<Entry> keyed(String name) {
        String file = FOLDER + name;
        return keyed(file, read(file));
    }

    /**
     * The words of a plain list in the class path folder, in the file's order.
     *
     * @param prefixes whether a word may end in {@code *} (it then stands for the words that begin
     *     with the rest; the caller reads it so)
     */
    static List<String> plain(String name, boolean prefixes) {
        String file = FOLDER + name;
        return plain(file, read(file), prefixes);
    }

    /** The entries of a keyed list given as lines; {@code file} names it in errors. */
    static List<Entry> keyed(String file, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = content(lines.get(i));
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw error(file, i + 1, "expected \"key: word word …\", found \"" + text + "\"");
            }
            String key = text.substring(0, colon).trim();
            if (key.isEmpty()) {
                throw error(file, i + 1, "nothing before the \":\"");
            }
            String rest = text.substring(colon + 1).trim();
            if (rest.isEmpty()) {
                throw error(file, i + 1, "no words after \"" + key + ":\"");
            }
            List<String> words = Arrays.asList(rest.split("\\s+"));
            for (String word : words) {
                checkWord(file, i + 1, word, false);
            }
            entries.add(new Entry(file, i + 1, key, List.copyOf(words)));
        }
        return entries;
    }

    /** The words of a plain list given as lines; {@code file} names it in errors. */
    static List<String> plain(String file, List<String> lines, boolean prefixes) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = content(lines.get(i));
            if (text.isEmpty()) {
                continue;
            }
            if (text.split("\\s+").length > 1 || text.indexOf(':') >= 0) {
                throw error(file, i + 1, "one word a line expected, found \"" + text + "\"");
            }
            checkWord(file, i + 1, text, prefixes);
            words.add(text);
        }
        return words;
    }

    /** A line without its comment and surrounding blanks. */
    private static String content(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    private static void checkWord(String file, int line, String word, boolean prefixes) {
        String stem = prefixes && word.endsWith("*") ? word.substring(0, word.length() - 1) : word;
        if (!WORD.matcher(stem).matches() || !stem.equals(stem.toLowerCase(Locale.ROOT))) {
            throw error(file, line, "\"" + word + "\" is not a word a prompt can hold: lower-case letters and digits,"
                    + " with \"_\" between the words of a phrase" + (prefixes ? ", and \"*\" last for a prefix" : ""));
        }
    }

    private static List<String> read(String file) {
        InputStream in = WordLists.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException(file + ": word list missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    static IllegalStateException error(String file, int line, String message) {
        return new IllegalStateException(file + ":" + line + ": " + message);
    }
}
