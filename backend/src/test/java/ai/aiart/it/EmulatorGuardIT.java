package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;
import io.restassured.RestAssured;

/** The packaged backend (production profile) will not start in emulator mode by accident. */
class EmulatorGuardIT {

    private static Map<String, String> store(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("AIART_STORE_EMBEDDED_PORT", String.valueOf(EmbeddedStoreResource.freePort()));
        env.put("AIART_STORE_EMBEDDED_DATA_DIR", "memory");
        return env;
    }

    @Test
    void anEmulatorHostStopsAProductionStart() {
        IllegalStateException exited = assertThrows(IllegalStateException.class, () -> BackendProcess.start("guard-refuses",
                store(Map.of("AIART_AUTH_EMULATOR_HOST", "127.0.0.1:9099"))));
        assertTrue(exited.getMessage().startsWith("backend exited with 1"), exited.getMessage());
        assertTrue(exited.getMessage().contains("Refusing to start: aiart.auth.emulator-host"), exited.getMessage());
    }

    @Test
    void firebasesOwnVariableStopsTheStartToo() {
        IllegalStateException exited = assertThrows(IllegalStateException.class, () -> BackendProcess.start("guard-variable",
                store(Map.of("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099"))));
        assertTrue(exited.getMessage().startsWith("backend exited with 1"), exited.getMessage());
        assertTrue(exited.getMessage().contains("FIREBASE_AUTH_EMULATOR_HOST=127.0.0.1:9099 is set in the environment"),
                exited.getMessage());
    }

    @Test
    void theExplicitOverrideStartsItWithALoudWarning() throws Exception {
        try (BackendProcess backend = BackendProcess.start("guard-override", store(Map.of(
                "AIART_AUTH_EMULATOR_HOST", "127.0.0.1:9099", "AIART_AUTH_ALLOW_EMULATOR_IN_PROD", "true")))) {
            RestAssured.given().baseUri(backend.url()).get("/api/v1/health").then().statusCode(200);
            String log = backend.logText();
            assertTrue(log.contains("ERROR") && log.contains("DANGER: the production backend runs with the Firebase Auth EMULATOR"),
                    log);
        }
    }
}
