package ai.aiart.provider.upstream;

import java.util.Set;

/**
 * What one provider accepts for one kind (docs/PROVIDERS.md, "Input limits and fitting"): the
 * upload's sides, bytes and formats, and the prompts' lengths. {@link InputFitting} makes a request
 * fit them before the provider is called. Each provider declares its own, next to its other
 * constants; {@link #NONE} is "anything goes".
 *
 * @param minSide        shortest side the upload may have, in pixels (0: no minimum)
 * @param maxSide        longest side it may have ({@link Integer#MAX_VALUE}: no maximum)
 * @param maxBytes       largest file it may be ({@link Long#MAX_VALUE}: no cap)
 * @param formats        content types taken ({@code image/png} …); empty: any the uploads allow
 * @param alphaAllowed   whether a PNG with transparency is taken
 * @param maxPrompt      longest prompt in characters (Unicode code points), after the style is folded in
 * @param maxNegative    longest negative prompt in characters
 * @param styleInPrompt  whether the provider writes the style into the prompt ({@link Prompts#styled}),
 *                       so that the style's words count against {@code maxPrompt}
 */
public record InputLimits(int minSide, int maxSide, long maxBytes, Set<String> formats, boolean alphaAllowed,
        int maxPrompt, int maxNegative, boolean styleInPrompt) {

    /** No limits: the request is passed as it is. */
    public static final InputLimits NONE = new InputLimits(0, Integer.MAX_VALUE, Long.MAX_VALUE, Set.of(), true,
            Integer.MAX_VALUE, Integer.MAX_VALUE, false);

    public InputLimits {
        formats = Set.copyOf(formats);
        if (minSide < 0 || maxSide < Math.max(1, minSide) || maxBytes < 1 || maxPrompt < 1 || maxNegative < 1) {
            throw new IllegalArgumentException("Input limits out of range");
        }
    }

    /** Limits on the prompts only; any upload is taken. */
    public static InputLimits prompts(int maxPrompt, int maxNegative, boolean styleInPrompt) {
        return new InputLimits(0, Integer.MAX_VALUE, Long.MAX_VALUE, Set.of(), true, maxPrompt, maxNegative, styleInPrompt);
    }

    /** These limits with the upload's bounded too. */
    public InputLimits withImage(int minSide, int maxSide, long maxBytes, Set<String> formats, boolean alphaAllowed) {
        return new InputLimits(minSide, maxSide, maxBytes, formats, alphaAllowed, maxPrompt, maxNegative, styleInPrompt);
    }

    /** Whether {@code contentType} is taken. */
    public boolean takes(String contentType) {
        return formats.isEmpty() || formats.contains(contentType);
    }
}
