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

    /** The prompt with the chosen style spelled out, for upstreams without style presets. */
    public static String styled(String prompt, String style) {
        String p = prompt == null ? "" : prompt.strip();
        if (style == null || style.isBlank()) {
            return p;
        }
        String words = style.replace('-', ' ');
        return p.isEmpty() ? words + " style" : p + ", in " + words + " style";
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
