package ai.aiart.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class DataCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aValueComesBackAndIsNeverStoredInClear() {
        DataCipher cipher = DataCipher.parse(K1);
        String stored = cipher.encrypt("email", "ada@example.com");
        assertTrue(stored.startsWith("enc1:k1:"), stored);
        assertFalse(stored.contains("ada"), stored);
        assertEquals("ada@example.com", cipher.decrypt("email", stored));
        assertNotEquals(stored, cipher.encrypt("email", "ada@example.com"), "a fresh nonce each time");
        assertNull(cipher.encrypt("email", null));
        assertNull(cipher.decrypt("email", null));
        assertEquals("written before encryption", cipher.decrypt("prompt", "written before encryption"));
        assertEquals("ünïcode ✓ 🎨", cipher.decrypt("prompt", cipher.encrypt("prompt", "ünïcode ✓ 🎨")));
    }

    @Test
    void aValueMovedToAnotherFieldOrAlteredDoesNotDecrypt() {
        DataCipher cipher = DataCipher.parse(K1);
        String stored = cipher.encrypt("email", "ada@example.com");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("prompt", stored));
        int at = stored.length() - 10; // inside the ciphertext and tag (the last character may carry only padding bits)
        String altered = stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("email", altered));
    }

    @Test
    void keysRotate() {
        String old = DataCipher.parse(K1).encrypt("prompt", "a harbour at dawn");
        DataCipher rotated = DataCipher.parse(K2 + "," + K1);
        assertEquals("k2", rotated.activeKeyId());
        assertEquals("a harbour at dawn", rotated.decrypt("prompt", old), "the old key still decrypts");
        assertFalse(rotated.current(old));
        assertTrue(rotated.current(rotated.encrypt("prompt", "x")));
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> DataCipher.parse(K2).decrypt("prompt", old));
        assertTrue(gone.getMessage().contains("data key k1"), gone.getMessage());
    }

    @Test
    void aBadRingIsRefusedWithoutEchoingAKey() {
        for (String bad : new String[] { "", "no-colon", "k 1:" + K1.substring(3), "k1:not base64!", "k1:" + Base64.getEncoder()
                .encodeToString(new byte[16]), K1 + "," + K1 }) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DataCipher.parse(bad));
            assertFalse(refused.getMessage().contains(K1.substring(3)), refused.getMessage());
        }
    }
}
