package ai.aiart.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IpHashKeyTest {

    @Test
    void productionNeedsItsOwnKey() {
        assertTrue(assertThrows(IllegalStateException.class, () -> IpHashKey.check(List.of("prod"), Optional.empty()))
                .getMessage().contains("AIART_IP_HASH_KEY (aiart.ip-hash-key) is not set"));
        assertTrue(assertThrows(IllegalStateException.class, () -> IpHashKey.check(List.of("prod"), Optional.of("  ")))
                .getMessage().contains("is not set"));
        assertTrue(assertThrows(IllegalStateException.class, () -> IpHashKey.check(List.of("staging"), Optional.of(IpHashKey.DEVELOPMENT_KEY)))
                .getMessage().contains("is the development key"));
        assertEquals("0123456789abcdef0123456789abcdef", IpHashKey.check(List.of("prod"), Optional.of(" 0123456789abcdef0123456789abcdef ")));
    }

    @Test
    void devAndTestMayUseTheDevelopmentKey() {
        assertEquals(IpHashKey.DEVELOPMENT_KEY, IpHashKey.check(List.of("dev"), Optional.of(IpHashKey.DEVELOPMENT_KEY)));
        assertEquals(IpHashKey.DEVELOPMENT_KEY, IpHashKey.check(List.of("test"), Optional.of(IpHashKey.DEVELOPMENT_KEY)));
    }
}
