package ai.aiart.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /** The stored hashes must not change with how they are computed: HMAC-SHA256, hex, first 32 characters. */
    @Test
    void hashesAreTheKeyedHmacOfTheValue() {
        assertEquals("f7bc83f430538424b13298e6aa6fb143",
                new IpHashKey("key".getBytes(StandardCharsets.UTF_8)).hash("The quick brown fox jumps over the lazy dog"));
        assertEquals("e4d546aa861d05bd75c992a24185a36e",
                new IpHashKey(IpHashKey.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8)).hash("203.0.113.7"));
    }

    /** One key hashes on every thread at once (each call works on its own copy of the keyed MAC). */
    @Test
    void manyThreadsHashAtOnceAndAgree() throws Exception {
        IpHashKey key = new IpHashKey(IpHashKey.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        if (!key.hash("203.0.113.7").equals("e4d546aa861d05bd75c992a24185a36e")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertTrue(run.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
