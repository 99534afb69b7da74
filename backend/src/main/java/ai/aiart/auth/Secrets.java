package ai.aiart.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparing shared secrets without telling an attacker, by timing, how much of a guess was right. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Whether {@code given} equals {@code expected}, in time that depends on neither: both are
     * hashed to the same length, then compared with {@link MessageDigest#isEqual}.
     */
    public static boolean matches(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
