package ai.aiart.auth.service;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a JWT says about itself, read without trusting it: enough to refuse an unsigned or
 * malformed token before any key is fetched.
 *
 * @param alg     the header's {@code alg} ({@code RS256} for Firebase, {@code none} from the emulator)
 * @param kid     the header's key id, or null
 * @param payload the claims
 */
record TokenShape(String alg, String kid, Map<String, Object> payload) {

    /** Firebase ID tokens are about 1 KB; anything this large is not one. */
    static final int MAX_LENGTH = 8192;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** True for a token signed the way Firebase signs ID tokens (RS256 with a key id). */
    boolean signedLikeFirebase() {
        return "RS256".equals(alg) && kid != null && !kid.isBlank();
    }

    /** Reads header and payload; empty when the text is not a JWT at all. */
    static Optional<TokenShape> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), MAP);
            Map<String, Object> payload = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), MAP);
            if (header == null || payload == null) {
                return Optional.empty();
            }
            Object alg = header.get("alg");
            Object kid = header.get("kid");
            return Optional.of(new TokenShape(alg instanceof String a ? a : null,
                    kid instanceof String k ? k : null, payload));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
