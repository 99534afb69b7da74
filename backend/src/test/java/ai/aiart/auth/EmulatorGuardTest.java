package ai.aiart.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When a backend may take the emulator's unsigned tokens: dev and test yes, production only by explicit override. */
class EmulatorGuardTest {

    private static final Optional<String> HOST = Optional.of("127.0.0.1:9099");

    @Test
    void withoutAnEmulatorTokensAreVerifiedEverywhere() {
        for (List<String> profiles : List.of(List.of("prod"), List.of("dev"), List.of("test"), List.of("staging"))) {
            assertEquals(EmulatorGuard.Mode.VERIFIED, EmulatorGuard.check(profiles, Optional.empty(), null, false));
            assertEquals(EmulatorGuard.Mode.VERIFIED, EmulatorGuard.check(profiles, Optional.of(" "), "", false));
        }
    }

    @Test
    void devAndTestMayUseTheEmulator() {
        assertEquals(EmulatorGuard.Mode.EMULATOR, EmulatorGuard.check(List.of("dev"), HOST, null, false));
        assertEquals(EmulatorGuard.Mode.EMULATOR, EmulatorGuard.check(List.of("test"), HOST, null, false));
        assertEquals(EmulatorGuard.Mode.EMULATOR, EmulatorGuard.check(List.of("prod", "dev"), HOST, null, false));
    }

    @Test
    void productionRefusesTheEmulatorUnlessExplicitlyAllowed() {
        for (List<String> profiles : List.<List<String>>of(List.of("prod"), List.of("staging"), List.of())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmulatorGuard.check(profiles, HOST, null, false));
            assertTrue(refused.getMessage().startsWith("Refusing to start"), refused.getMessage());
            assertTrue(refused.getMessage().contains("AIART_AUTH_ALLOW_EMULATOR_IN_PROD=true"), refused.getMessage());
            assertEquals(EmulatorGuard.Mode.EMULATOR_IN_PRODUCTION, EmulatorGuard.check(profiles, HOST, null, true));
        }
    }

    @Test
    void firebasesOwnVariableIsNeverAWayIn() {
        for (List<String> profiles : List.of(List.of("prod"), List.of("dev"), List.of("test"))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmulatorGuard.check(profiles, Optional.empty(), "localhost:9099", true));
            assertTrue(refused.getMessage().contains("FIREBASE_AUTH_EMULATOR_HOST=localhost:9099"), refused.getMessage());
        }
        // the same address through both switches is one consistent choice
        assertEquals(EmulatorGuard.Mode.EMULATOR, EmulatorGuard.check(List.of("dev"), HOST, "127.0.0.1:9099", false));
    }
}
