package ai.aiart.generation;

import java.util.List;

/** The styles a visitor may pick. */
public final class Styles {

    public static final List<String> ALL = List.of("photographic", "digital-art", "anime", "watercolor",
            "oil-painting", "pixel-art", "neon-punk", "low-poly", "line-art");

    private Styles() {
    }

    /** The style to use, {@code null} for none; throws for an unknown one. */
    public static String normalize(String style) {
        if (style == null || style.isBlank() || "none".equals(style)) {
            return null;
        }
        if (!ALL.contains(style)) {
            throw new IllegalArgumentException("The style must be one of none, " + String.join(", ", ALL) + ".");
        }
        return style;
    }
}
