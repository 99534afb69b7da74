package ai.aiart.provider.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ProviderException;

/** Small translations of a request into what upstreams accept. */
public final class Prompts {

    private Prompts() {
    }

    /**
     * The prompt with the chosen style spelled out, for upstreams without style presets. Both come
     * checked from the submission: the prompt stripped (null only for an image-to-video without one),
     * the style a known one or null.
     */
    public static String styled(String prompt, String style) {
        String p = prompt == null ? "" : prompt;
        if (style == null) {
            return p;
        }
        String words = style.replace('-', ' ');
        return p.isEmpty() ? words + " style" : p + ", in " + words + " style";
    }

    /**
     * {@code text} cut to at most {@code max} characters (Unicode code points) at a word boundary,
     * without the spaces and commas the cut leaves at its end; mid-word only when its first word
     * alone is longer. Null and text that fits come back unchanged.
     */
    public static String trim(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, Math.max(0, max));
        int cut = end;
        // a cut right before a space ends a word; otherwise step back to the last space
        if (!Character.isWhitespace(text.codePointAt(end))) {
            while (cut > 0 && !Character.isWhitespace(text.codePointBefore(cut))) {
                cut -= Character.charCount(text.codePointBefore(cut));
            }
        }
        String kept = strip(text.substring(0, cut));
        return kept.isEmpty() ? text.substring(0, end) : kept;
    }

    /**
     * The prompt cut (as {@link #trim}) so that {@link #styled} of it with {@code style} is at most
     * {@code max} characters when the style is folded in; the style's words are kept whole.
     */
    public static String trimStyled(String prompt, String style, int max, boolean styleInPrompt) {
        if (prompt == null || !styleInPrompt || style == null) {
            return trim(prompt, max);
        }
        String styled = styled(prompt, style);
        int length = styled.codePointCount(0, styled.length());
        if (length <= max) {
            return prompt;
        }
        int extra = length - prompt.codePointCount(0, prompt.length());
        return trim(prompt, Math.max(1, max - extra));
    }

    private static String strip(String text) {
        int end = text.length();
        while (end > 0 && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == ',')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Of {@code supported} ratios ("16:9" …), the one closest to {@code ratio}. */
    public static String nearestRatio(String ratio, List<String> supported) {
        double target = logRatio(ratio == null ? "1:1" : ratio);
        String best = supported.get(0);
        for (String s : supported) {
            if (Math.abs(logRatio(s) - target) < Math.abs(logRatio(best) - target)) {
                best = s;
            }
        }
        return best;
    }

    /** The request's seed folded into {@code [0, bound)}. */
    public static long seed(long seed, long bound) {
        return Math.floorMod(seed, bound);
    }

    /** The uploaded picture, base64-encoded. */
    public static String base64(GenerationRequest.InputImage input) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(input.file()));
        } catch (IOException e) {
            throw new ProviderException("input_unreadable", "The uploaded picture could not be read.", false, e);
        }
    }

    /** The uploaded picture as a {@code data:} URI. */
    public static String dataUri(GenerationRequest.InputImage input) {
        return "data:" + input.contentType() + ";base64," + base64(input);
    }

    private static double logRatio(String ratio) {
        String[] parts = ratio.split(":");
        try {
            return Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
