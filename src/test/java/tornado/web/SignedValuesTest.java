package tornado.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The signed-value format behind secure cookies, without sockets: round trip, tamper, expiry. */
class SignedValuesTest {
    private static final String SECRET = "a long random secret, for tests only";
    private static final long NOW = 1_700_000_000L;
    private static final long DAY = 86_400;

    private static String sign(String name, String value, long when) {
        return SignedValues.create(SECRET, name, value.getBytes(StandardCharsets.UTF_8), when);
    }

    private static String read(String name, String signed, double maxAgeDays, long now) {
        byte[] v = SignedValues.decode(SECRET, name, signed, maxAgeDays, now);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void theFormatIsValueTimestampSignature() {
        String signed = sign("user", "ada", NOW);
        String[] parts = signed.split("\\|");
        assertEquals(3, parts.length);
        assertEquals("YWRh", parts[0]);
        assertEquals(String.valueOf(NOW), parts[1]);
        assertTrue(parts[2].matches("[0-9a-f]{64}"), parts[2]);
        // Nothing a cookie value may not hold.
        assertTrue(signed.matches("[A-Za-z0-9_|-]+"), signed);
    }

    @Test
    void roundTripIncludingArbitraryBytes() {
        assertEquals("caf\u00e9|; ,=\"", read("user", sign("user", "caf\u00e9|; ,=\"", NOW), 31, NOW));
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        String signed = SignedValues.create(SECRET, "b", bytes, NOW);
        assertArrayEquals(bytes, SignedValues.decode(SECRET, "b", signed, 31, NOW));
    }

    @Test
    void tamperedValuesReadAsAbsent() {
        String signed = sign("user", "ada", NOW);
        String[] p = signed.split("\\|");
        // Another value with the old signature.
        assertNull(read("user", "YWRtaW4|" + p[1] + "|" + p[2], 31, NOW));
        // Another timestamp with the old signature (the version-1 digit-shifting trick).
        assertNull(read("user", p[0] + "|" + (NOW + 1) + "|" + p[2], 31, NOW));
        // One changed digit of the signature.
        char c = p[2].charAt(10);
        assertNull(read("user", p[0] + "|" + p[1] + "|" + p[2].substring(0, 10) + (c == '0' ? '1' : '0') + p[2].substring(11), 31, NOW));
        // A signature for another cookie name, or made with another secret.
        assertNull(read("admin", signed, 31, NOW));
        assertNull(SignedValues.decode("another secret", "user", signed, 31, NOW));
        // Not the format at all.
        for (String junk : new String[] {null, "", "ada", "a|b", "a|b|c|d", signed + "|"}) {
            assertNull(read("user", junk, 31, NOW), junk);
        }
    }

    @Test
    void expiryAndFutureTimestamps() {
        String old = sign("user", "ada", NOW - 31 * DAY - 1);
        assertNull(read("user", old, 31, NOW));
        assertEquals("ada", read("user", old, 32, NOW));
        assertEquals("ada", read("user", sign("user", "ada", NOW - DAY), 1.5, NOW));
        assertNull(read("user", sign("user", "ada", NOW - 2 * DAY), 1.5, NOW));
        // Signed more than 31 days in the future: a clock is wrong or someone is playing games.
        assertNull(read("user", sign("user", "ada", NOW + 32 * DAY), 31, NOW));
    }

    @Test
    void aMissingSecretIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SignedValues.create("", "user", new byte[0], NOW));
        assertTrue(e.getMessage().contains("cookieSecret"), e.getMessage());
    }
}
