package ai.aiart.core;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every "busy" answer (503 {@code resource_limit}: a full queue, an unreachable database, no
 * free download or decode slot) says about donations, as the 429s do (docs/FAIR_USE.md, "Donation
 * wording"): the donation link, and one sentence on how a donation helps. Added where every problem
 * is built ({@link Problem#of}), so no busy answer can leave it out.
 */
final class BusyPitch {

    /** How a donation helps when AiArt is busy: true of the deployment and of the donor tier. */
    static final String SENTENCE = "AiArt runs on free servers: donations pay for more room, and supporters' creations go first in the queue.";

    private static volatile String link;

    private BusyPitch() {
    }

    /** {@code message} with {@link #SENTENCE} after it, unless it already speaks of donating. */
    static String message(String message) {
        if (message == null || message.isBlank()) {
            return SENTENCE;
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("donat")) {
            return message;
        }
        String trimmed = message.strip();
        return trimmed + (trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? " " : ". ") + SENTENCE;
    }

    /** {@code aiart.rate-limit.donation-link}, read once (the configuration does not change at run time). */
    static String link() {
        String known = link;
        if (known == null) {
            known = ConfigProvider.getConfig().getOptionalValue("aiart.rate-limit.donation-link", String.class)
                    .orElse("/donate.html");
            link = known;
        }
        return known;
    }
}
