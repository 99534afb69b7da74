package ai.aiart.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DataKeyTest {

    private static final String RING = "k1:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void productionNeedsItsOwnRing() {
        assertTrue(assertThrows(IllegalStateException.class, () -> DataKey.check(List.of("prod"), Optional.empty()))
                .getMessage().contains("AIART_DATA_KEY"));
        assertTrue(assertThrows(IllegalStateException.class, () -> DataKey.check(List.of("prod"), Optional.of(" ")))
                .getMessage().contains("not set"));
        assertTrue(assertThrows(IllegalStateException.class, () -> DataKey.check(List.of("prod"), Optional.of(DataKey.DEVELOPMENT_RING)))
                .getMessage().contains("development key"));
        assertTrue(assertThrows(IllegalStateException.class, () -> DataKey.check(List.of("prod"), Optional.of(RING + "," + DataKey.DEVELOPMENT_RING)))
                .getMessage().contains("development key"), "not even as an old key");
        assertTrue(assertThrows(IllegalStateException.class, () -> DataKey.check(List.of("prod"), Optional.of("k1:short")))
                .getMessage().contains("malformed"));
        assertEquals(RING, DataKey.check(List.of("prod"), Optional.of(" " + RING + " ")));
    }

    @Test
    void devAndTestMayUseTheDevelopmentRing() {
        assertEquals(DataKey.DEVELOPMENT_RING, DataKey.check(List.of("dev"), Optional.of(DataKey.DEVELOPMENT_RING)));
        assertEquals(DataKey.DEVELOPMENT_RING, DataKey.check(List.of("test"), Optional.of(DataKey.DEVELOPMENT_RING)));
        assertEquals("dev", DataCipher.parse(DataKey.DEVELOPMENT_RING).activeKeyId());
    }
}
