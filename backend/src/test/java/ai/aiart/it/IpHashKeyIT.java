package ai.aiart.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.support.BackendProcess;
import ai.aiart.support.EmbeddedStoreResource;

/** The packaged backend (production profile) will not hash visitors' IPs with a missing or published key. */
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "faults", group = "unsafe production configuration")
class IpHashKeyIT {

    private static Map<String, String> env(String key) {
        return Map.of("AIART_IP_HASH_KEY", key,
                "AIART_STORE_EMBEDDED_PORT", String.valueOf(EmbeddedStoreResource.freePort()),
                "AIART_STORE_EMBEDDED_DATA_DIR", "memory");
    }

    @Test
    @ReliabilityCase(name = "AIART_IP_HASH_KEY not set", expected = "refuses to start, naming the variable")
    void withoutAKeyTheProductionBackendRefusesToStart() {
        IllegalStateException exited = assertThrows(IllegalStateException.class, () -> BackendProcess.start("no-key", env("")));
        assertTrue(exited.getMessage().startsWith("backend exited with 1"), exited.getMessage());
        assertTrue(exited.getMessage().contains("Refusing to start: AIART_IP_HASH_KEY (aiart.ip-hash-key) is not set"), exited.getMessage());
    }

    @Test
    @ReliabilityCase(name = "AIART_IP_HASH_KEY is the development key", expected = "refuses to start, saying why")
    void theDevelopmentKeyIsRefusedInProduction() {
        IllegalStateException exited = assertThrows(IllegalStateException.class,
                () -> BackendProcess.start("dev-key", env("aiart-development-key-change-me")));
        assertTrue(exited.getMessage().contains("Refusing to start: AIART_IP_HASH_KEY is the development key"), exited.getMessage());
    }
}
