package tornado.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The signed-value format behind secure cookies, without sockets: Tornado's own values read and
 * written byte for byte, round trips, tampering, expiry, key versions; and, where Debian's
 * python3-tornado is installed, a live exchange with Tornado in both directions.
 */
class SignedValuesTest {
    private static final String SECRET = "a long random secret, for tests only";
    private static final long NOW = 1_700_000_000L;
    private static final long DAY = 86_400;

    /*
     * Made once with Debian's python3-tornado 6.2 (/usr/bin/python3), with the secret above and a
     * fixed clock:
     *
     *   from tornado.web import create_signed_value
     *   clock = lambda: 1700000000
     *   create_signed_value(SECRET, "user", "ada", clock=clock)                      # V2_ADA
     *   create_signed_value(SECRET, "user", "ada", version=1, clock=clock)           # V1_ADA
     *   create_signed_value(SECRET, "user", 'café|; ,="', clock=clock)              # V2_PUNCT
     *   create_signed_value(SECRET, "b", bytes(range(256)), clock=clock)             # V2_BYTES
     *   create_signed_value(SECRET, "b", bytes(range(256)), version=1, clock=clock)  # V1_BYTES
     *   create_signed_value({0: "old secret", 1: "new secret"}, "user", "ada",
     *                       clock=clock, key_version=1)                              # V2_KEY1
     */
    static final String V2_ADA = "2|1:0|10:1700000000|4:user|4:YWRh|"
            + "169a7f2c97e3eef9799ff66b647a4b9c1d9233b7c5b59865873f909bb9900112";
    static final String V1_ADA = "YWRh|1700000000|66d3bb9f4b59f67d16f93b9824c8f0da16ede593";
    static final String V2_PUNCT = "2|1:0|10:1700000000|4:user|16:Y2Fmw6l8OyAsPSI=|"
            + "171dca9bf685308783eca1ba61fe1d47ad6b7fc95f98662d579371d98ef262e2";
    static final String BYTES_B64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==";
    static final String V2_BYTES = "2|1:0|10:1700000000|1:b|344:" + BYTES_B64 + "|"
            + "a2a184c00c8b6783799b9ab50ce752337dff4696f67163e8e7534002e8aa2913";
    static final String V1_BYTES = BYTES_B64 + "|1700000000|741f247e57789a394348543047e6c37d9bc3b29d";
    static final String V2_KEY1 = "2|1:1|10:1700000000|4:user|4:YWRh|"
            + "29a2601c28e0c4d9d60830e63be8ac6c90bd729284c3bf53d0b66b336a42d10b";
    private static final Map<Integer, String> KEYS = Map.of(0, "old secret", 1, "new secret");

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        return bytes;
    }

    private static String sign(String name, String value, long when) {
        return SignedValues.create(SECRET, name, value.getBytes(StandardCharsets.UTF_8), when);
    }

    private static String read(String name, String signed, double maxAgeDays, long now) {
        byte[] v = SignedValues.decode(SECRET, name, signed, maxAgeDays, now);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void weWriteExactlyWhatTornadoWrites() {
        assertEquals(V2_ADA, sign("user", "ada", NOW));
        assertEquals(V2_PUNCT, sign("user", "caf\u00e9|; ,=\"", NOW));
        assertEquals(V2_BYTES, SignedValues.create(SECRET, "b", allBytes(), NOW));
        assertEquals(V1_ADA, SignedValues.create(SECRET, "user", "ada".getBytes(StandardCharsets.UTF_8), NOW, 1));
        assertEquals(V1_BYTES, SignedValues.create(SECRET, "b", allBytes(), NOW, 1));
        assertEquals(V2_KEY1, SignedValues.create(KEYS, 1, "user", "ada".getBytes(StandardCharsets.UTF_8), NOW));
        assertThrows(IllegalArgumentException.class, () -> SignedValues.create(SECRET, "user", new byte[0], NOW, 3));
    }

    @Test
    void weReadWhatTornadoWrites() {
        assertEquals("ada", read("user", V2_ADA, 31, NOW));
        assertEquals("ada", read("user", V1_ADA, 31, NOW));
        assertEquals("caf\u00e9|; ,=\"", read("user", V2_PUNCT, 31, NOW));
        assertArrayEquals(allBytes(), SignedValues.decode(SECRET, "b", V2_BYTES, 31, NOW));
        assertArrayEquals(allBytes(), SignedValues.decode(SECRET, "b", V1_BYTES, 31, NOW));
        // Every character a signed value holds may stand in a cookie as it is (RFC 6265's cookie-octet).
        assertTrue(V2_BYTES.matches("[A-Za-z0-9+/=|:]+"));
    }

    @Test
    void keyVersionsPickTheSecret() {
        assertEquals(1, SignedValues.keyVersion(V2_KEY1));
        assertEquals(0, SignedValues.keyVersion(V2_ADA));
        assertNull(SignedValues.keyVersion(V1_ADA));
        assertNull(SignedValues.keyVersion("2|junk"));
        assertArrayEquals("ada".getBytes(StandardCharsets.UTF_8), SignedValues.decode(KEYS, "user", V2_KEY1, 31, NOW));
        // Signed under key 1 but read with only key 0 known, or with key 1 holding another secret.
        assertNull(SignedValues.decode(Map.of(0, "old secret"), "user", V2_KEY1, 31, NOW));
        assertNull(SignedValues.decode(Map.of(1, "old secret"), "user", V2_KEY1, 31, NOW));
        // A version 1 value carries no key version, so a set of keys cannot read it.
        assertNull(SignedValues.decode(Map.of(0, SECRET), "user", V1_ADA, 31, NOW));
        // With one secret, as in Tornado, the key version is not consulted.
        assertArrayEquals("ada".getBytes(StandardCharsets.UTF_8), SignedValues.decode("new secret", "user", V2_KEY1, 31, NOW));
    }

    @Test
    void tamperedValuesReadAsAbsent() {
        // Another value of the same length, under the old signature.
        assertNull(read("user", V2_ADA.replace("|4:YWRh|", "|4:ZXZl|"), 31, NOW));
        // Another timestamp, of the same length, under the old signature.
        assertNull(read("user", V2_ADA.replace("1700000000", "1700000001"), 31, NOW));
        // A field's length changed, so that a byte would move from one field to the next.
        assertNull(read("user", V2_ADA.replace("|4:user|4:YWRh|", "|5:user||3:YWRh|"), 31, NOW));
        // One changed digit of the signature.
        int at = V2_ADA.length() - 10;
        char c = V2_ADA.charAt(at);
        assertNull(read("user", V2_ADA.substring(0, at) + (c == '0' ? '1' : '0') + V2_ADA.substring(at + 1), 31, NOW));
        // Version 1's weakness: move trailing digits of the value into the timestamp. The text
        // signed is the same, so only Tornado's timestamp checks stop it (here: a leading zero).
        // "ab4" and "ab5" are YWI0 and YWI1 in base64, so the signed text "user" "YWI0"
        // "1700000000" is also "user" "YWI" "01700000000": a leading zero gives it away; and
        // "YWI1" "1700000000" is also "YWI" "11700000000": a time centuries ahead does.
        for (String value : new String[] {"ab4", "ab5"}) {
            String[] p = SignedValues.create(SECRET, "user", value.getBytes(StandardCharsets.UTF_8), NOW, 1).split("\\|");
            String shifted = p[0].substring(0, 3) + "|" + p[0].charAt(3) + p[1] + "|" + p[2];
            assertNull(read("user", shifted, 1e9, NOW), shifted);
        }
        // A signature for another cookie name, or made with another secret.
        assertNull(read("admin", V2_ADA, 31, NOW));
        assertNull(read("admin", V1_ADA, 31, NOW));
        assertNull(SignedValues.decode("another secret", "user", V2_ADA, 31, NOW));
        assertNull(SignedValues.decode("another secret", "user", V1_ADA, 31, NOW));
        // Not the format at all, or a version nobody wrote.
        for (String junk : new String[] {null, "", "ada", "a|b", "a|b|c|d", V1_ADA + "|", "2|", "2|1:0|",
                "2|99:0|10:1700000000|4:user|4:YWRh|x", "3|1:0|10:1700000000|4:user|4:YWRh|x", V2_ADA + "0"}) {
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
        // Version 1 also refuses a time more than 31 days ahead (the digit-moving guard);
        // version 2 needs no such guard, and Tornado has none there.
        String futureV1 = SignedValues.create(SECRET, "user", "ada".getBytes(StandardCharsets.UTF_8), NOW + 32 * DAY, 1);
        assertNull(read("user", futureV1, 31, NOW));
        assertEquals("ada", read("user", sign("user", "ada", NOW + 32 * DAY), 31, NOW));
    }

    @Test
    void aMissingSecretIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SignedValues.create("", "user", new byte[0], NOW));
        assertTrue(e.getMessage().contains("cookieSecret"), e.getMessage());
    }

    // ================================================================== live, against Tornado

    private static final String PYTHON = "/usr/bin/python3";

    /** Runs a Python snippet with {@code args}; its stdout, stripped. Fails on a non-zero exit. */
    private static String python(String code, String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = PYTHON;
        command[1] = "-c";
        command[2] = code;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish within 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void assumeTornado() throws Exception {
        boolean python = new File(PYTHON).canExecute();
        String why = "skipping the live check against Tornado: ";
        if (!python) {
            System.out.println(why + PYTHON + " is missing");
            assumeTrue(false, why + PYTHON + " is missing");
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import tornado").redirectErrorStream(true).start();
        boolean ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            System.out.println(why + "Python's tornado module is not installed (Debian: apt-get install python3-tornado)");
        }
        assumeTrue(ok, why + "Python's tornado module is not installed (Debian: apt-get install python3-tornado)");
    }

    @Test
    void tornadoAndWeReadEachOthersValuesNow() throws Exception {
        assumeTornado();
        String secret = "shared between a Java and a Python service";
        String value = "ada|lovelace; caf\u00e9";
        // Tornado signs now; we read it.
        String fromTornado = python("import sys; from tornado.web import create_signed_value as c; "
                + "print(c(sys.argv[1], 'user', sys.argv[2]).decode())", secret, value);
        byte[] read = SignedValues.decode(secret, "user", fromTornado, 31, Instant.now().getEpochSecond());
        assertEquals(value, read == null ? null : new String(read, StandardCharsets.UTF_8), fromTornado);
        // We sign now, in both versions; Tornado reads them.
        for (int version : new int[] {1, 2}) {
            String ours = SignedValues.create(secret, "user", value.getBytes(StandardCharsets.UTF_8),
                    Instant.now().getEpochSecond(), version);
            String decoded = python("import sys; from tornado.web import decode_signed_value as d; "
                    + "v = d(sys.argv[1], 'user', sys.argv[2]); print('NONE' if v is None else v.decode())", secret, ours);
            assertEquals(value, decoded, "Tornado read our version " + version + " value " + ours);
        }
        // And Tornado refuses one of ours for another cookie name, as we refuse its.
        String ours = SignedValues.create(secret, "user", value.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond());
        assertEquals("NONE", python("import sys; from tornado.web import decode_signed_value as d; "
                + "v = d(sys.argv[1], 'admin', sys.argv[2]); print('NONE' if v is None else v.decode())", secret, ours));
    }
}
