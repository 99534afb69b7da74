package ai.aiart.auth;

import java.util.Collection;
import java.util.Optional;

/**
 * Decides whether this backend may run in Firebase Auth emulator mode, in which firebase-admin
 * accepts unsigned tokens, so that anyone can forge a sign-in (admin included). Emulator mode is
 * switched on only by {@code aiart.auth.emulator-host} and only under the {@code dev} and
 * {@code test} profiles; every other profile counts as production and refuses to start with it,
 * unless {@code aiart.auth.allow-emulator-in-prod=true} is given as well.
 */
public final class EmulatorGuard {

    /** The variable firebase-admin itself reads to enter emulator mode. */
    public static final String FIREBASE_VARIABLE = "FIREBASE_AUTH_EMULATOR_HOST";

    /** How tokens are checked. */
    public enum Mode {
        /** Signed tokens only, checked against Google's public keys. */
        VERIFIED,
        /** The emulator's unsigned tokens, in a development or test profile. */
        EMULATOR,
        /** The emulator's unsigned tokens in production, by explicit override. */
        EMULATOR_IN_PRODUCTION
    }

    private EmulatorGuard() {
    }

    /**
     * @param profiles      the active configuration profiles
     * @param emulatorHost  {@code aiart.auth.emulator-host}
     * @param inherited     the process's {@value #FIREBASE_VARIABLE}, or null
     * @param allowInProd   {@code aiart.auth.allow-emulator-in-prod}
     * @throws IllegalStateException when the backend must not start
     */
    public static Mode check(Collection<String> profiles, Optional<String> emulatorHost, String inherited,
            boolean allowInProd) {
        String host = emulatorHost.filter(h -> !h.isBlank()).map(String::trim).orElse(null);
        if (inherited != null && !inherited.isBlank() && !inherited.trim().equals(host)) {
            throw new IllegalStateException(FIREBASE_VARIABLE + "=" + inherited + " is set in the environment: "
                    + "firebase-admin would then accept unsigned sign-in tokens that anyone can forge. AiArt switches "
                    + "the Auth emulator on only through aiart.auth.emulator-host (AIART_AUTH_EMULATOR_HOST). "
                    + "Unset " + FIREBASE_VARIABLE + ".");
        }
        if (host == null) {
            return Mode.VERIFIED;
        }
        if (!isProduction(profiles)) {
            return Mode.EMULATOR;
        }
        if (allowInProd) {
            return Mode.EMULATOR_IN_PRODUCTION;
        }
        throw new IllegalStateException("Refusing to start: aiart.auth.emulator-host (AIART_AUTH_EMULATOR_HOST=" + host
                + ") is set under the production profile. In emulator mode sign-in tokens are not signature-checked, "
                + "so anyone could sign in as anyone, admin included. Unset it, or - for a throw-away demo only - "
                + "also set AIART_AUTH_ALLOW_EMULATOR_IN_PROD=true.");
    }

    /** Every profile but {@code dev} and {@code test} is production. */
    public static boolean isProduction(Collection<String> profiles) {
        return !profiles.contains("dev") && !profiles.contains("test");
    }
}
