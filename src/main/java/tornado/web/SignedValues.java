package tornado.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tornado.trace.Mirrors;

/**
 * Signing and checking the values behind {@code setSecureCookie} and {@code getSecureCookie}:
 * web.py's module functions {@code create_signed_value} and {@code decode_signed_value}, in
 * Tornado's own formats, byte for byte. A Java service and a Python Tornado service that share a
 * {@code cookie_secret} read each other's cookies (a test checks it against Tornado itself). A
 * signed value can be handed to a browser and trusted when it comes back, because only someone
 * holding the secret can make a signature that checks. Signing is not encryption: the browser
 * can read the value.
 *
 * <h2>Version 2, what we write (Tornado writes it by default since 3.2.1)</h2>
 * <pre>
 *   2|1:0|10:1700000000|4:user|4:YWRh|169a7f2c…
 * </pre>
 * The format's version, then four fields, each written as its length, a colon and its text: the
 * key version ({@code 0} unless several secrets are in use, below), the signing time in Unix
 * seconds, the cookie's name, and the value in standard base64. Every part ends with {@code |},
 * and the last part is the signature: HMAC-SHA256, in hex, of everything before it. The length
 * prefixes are what make the parts unambiguous: no byte can move from one field into the next
 * without changing a length, and so the signature.
 *
 * <h2>Version 1, what we still read (Tornado 2.4 wrote it)</h2>
 * <pre>
 *   YWRh|1700000000|66d3bb9f…
 * </pre>
 * The base64 value, the time, and HMAC-SHA1 of the name, the value and the time run together
 * with nothing between them. That is its weakness: trailing digits of the value could be moved
 * into the time without changing the signed text. Tornado guards against it with two checks on
 * the time (no more than 31 days in the future, no leading zero), and so do we. A version 1
 * value has no version prefix; a leading number followed by {@code |} marks the later versions
 * (base64 of a v1 value can look like a number only when it is at least four digits long, so
 * only 1 to 999 count as versions).
 *
 * <h2>Several secrets (key versions, Tornado 4.2)</h2>
 * To change a secret without logging everyone out, sign with the new one under a new key
 * version and keep the old ones for reading: {@link #create(Map, int, String, byte[], long)} and
 * {@link #decode(Map, String, String, double, long)} take the secrets by key version, and the
 * key version travels in the value (read it with {@link #keyVersion}).
 *
 * <p>Every way a value can fail (a missing part, a wrong signature, an old timestamp, bad
 * base64, an unknown key version) gives null, so a tampered cookie reads exactly like an absent
 * one. Signatures are compared with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is: with an ordinary {@code equals}, an attacker who can time
 * many requests learns how many leading characters of a forged signature are right, and finds
 * the rest one character at a time (Tornado uses {@code hmac.compare_digest} for the same reason).
 */
@Mirrors({"web.create_signed_value 4.5", "web.decode_signed_value 4.5"})
public final class SignedValues {
    private static final Logger log = Logger.getLogger("tornado.general");
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final long DAY = 86_400;

    /** The format {@link #create(String, String, byte[], long)} writes: Tornado's default since 3.2. */
    @Mirrors("web.DEFAULT_SIGNED_VALUE_VERSION 4.5")
    public static final int DEFAULT_VERSION = 2;

    private SignedValues() {}

    // tag::create-signed-value[]
    /** Signs {@code value} for the cookie {@code name} at {@code nowSeconds} (Unix seconds), version 2. */
    @Mirrors("web.create_signed_value 4.5")
    public static String create(String secret, String name, byte[] value, long nowSeconds) {
        return create(secret, name, value, nowSeconds, DEFAULT_VERSION);
    }

    /** As {@link #create(String, String, byte[], long)}, in format {@code version} (1 or 2). */
    @Mirrors("web.create_signed_value 4.5")
    public static String create(String secret, String name, byte[] value, long nowSeconds, int version) {
        String encoded = B64.encodeToString(value);
        String timestamp = Long.toString(nowSeconds);
        return switch (version) {
            case 1 -> encoded + "|" + timestamp + "|" + signatureV1(requireSecret(secret), name, encoded, timestamp);
            case 2 -> signV2(requireSecret(secret), 0, name, encoded, timestamp);
            default -> throw new IllegalArgumentException("unsupported signed value version " + version + "; 1 and 2 exist");
        };
    }

    /** Signs with {@code secrets.get(keyVersion)}, recording the key version in the value (version 2). */
    @Mirrors("web.create_signed_value 4.5")
    public static String create(Map<Integer, String> secrets, int keyVersion, String name, byte[] value, long nowSeconds) {
        String secret = secrets.get(keyVersion);
        if (secret == null) throw new IllegalArgumentException("no secret for key version " + keyVersion + " among " + secrets.keySet());
        return signV2(requireSecret(secret), keyVersion, name, B64.encodeToString(value), Long.toString(nowSeconds));
    }

    @Mirrors("web.create_signed_value 4.5")
    private static String signV2(String secret, int keyVersion, String name, String encoded, String timestamp) {
        String toSign = "2|" + field(Integer.toString(keyVersion)) + field(timestamp) + field(name) + field(encoded);
        return toSign + signatureV2(secret, toSign);
    }

    /**
     * {@code length:text|}, Tornado's {@code format_field} and the pipe after it. Tornado counts
     * the name's characters, we its UTF-8 bytes; they agree for every name a cookie can have
     * (a token is ASCII).
     */
    @Mirrors("web.create_signed_value 4.5")
    private static String field(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + ":" + text + "|";
    }
    // end::create-signed-value[]

    // tag::decode-signed-value[]
    /**
     * The value inside {@code signed} if its signature checks for {@code name} and it was signed
     * within the last {@code maxAgeDays} days; otherwise null. Reads versions 1 and 2.
     */
    @Mirrors("web.decode_signed_value 4.5")
    public static byte[] decode(String secret, String name, String signed, double maxAgeDays, long nowSeconds) {
        requireSecret(secret);
        return decode(keyVersion -> secret, true, name, signed, maxAgeDays, nowSeconds);
    }

    /**
     * As {@link #decode(String, String, String, double, long)}, with the secret chosen by the
     * value's key version; a version 1 value (which has none) and an unknown key version give null.
     */
    @Mirrors("web.decode_signed_value 4.5")
    public static byte[] decode(Map<Integer, String> secrets, String name, String signed, double maxAgeDays, long nowSeconds) {
        return decode(secrets::get, false, name, signed, maxAgeDays, nowSeconds);
    }

    private static byte[] decode(IntFunction<String> secretFor, boolean v1Allowed, String name, String signed,
                                 double maxAgeDays, long nowSeconds) {
        if (signed == null || signed.isEmpty()) return null;
        return switch (version(signed)) {
            case 1 -> v1Allowed ? decodeV1(secretFor.apply(0), name, signed, maxAgeDays, nowSeconds) : null;
            case 2 -> decodeV2(secretFor, name, signed, maxAgeDays, nowSeconds);
            default -> null;
        };
    }

    /**
     * Which format {@code signed} is in: the leading number before the first {@code |}, if it is
     * 1 to 999 without leading zeros; else 1, the format that had no version prefix.
     */
    @Mirrors("web._get_version 4.5")
    private static int version(String signed) {
        int bar = signed.indexOf('|');
        if (bar < 1 || bar > 3 || signed.charAt(0) == '0') return 1;
        for (int i = 0; i < bar; i++) {
            if (signed.charAt(i) < '0' || signed.charAt(i) > '9') return 1;
        }
        return Integer.parseInt(signed, 0, bar, 10);
    }

    @Mirrors("web._decode_signed_value_v1 4.5")
    private static byte[] decodeV1(String secret, String name, String signed, double maxAgeDays, long nowSeconds) {
        String[] parts = signed.split("\\|", -1);
        if (parts.length != 3) return null;
        if (!sameSignature(signatureV1(secret, name, parts[0], parts[1]), parts[2])) {
            log.warning("Invalid signature on cookie " + name);
            return null;
        }
        // From here on the parts are the secret holder's; the checks below are about age, and
        // about the digit-moving trick the unseparated signature allows.
        Long timestamp = digits(parts[1]);
        if (timestamp == null) return null;
        if (timestamp < nowSeconds - maxAgeDays * DAY) {
            log.warning("Expired cookie " + name);
            return null;
        }
        if (timestamp > nowSeconds + 31 * DAY || parts[1].startsWith("0")) {
            log.warning("Cookie " + name + " has a timestamp that a value could have lent digits to; possible tampering");
            return null;
        }
        return base64(parts[0]);
    }

    @Mirrors({"web._decode_signed_value_v2 4.5", "web._decode_fields_v2 4.5"})
    private static byte[] decodeV2(IntFunction<String> secretFor, String name, String signed, double maxAgeDays,
                                   long nowSeconds) {
        // "2|" then four length-prefixed fields; what is left after them is the signature.
        String[] fields = new String[4];
        int at = 2;
        for (int f = 0; f < 4; f++) {
            int colon = signed.indexOf(':', at);
            Long length = colon < 0 ? null : digits(signed.substring(at, colon));
            if (length == null || colon + 1 + length >= signed.length()) return null;
            int end = colon + 1 + length.intValue();
            if (signed.charAt(end) != '|') return null;
            fields[f] = signed.substring(colon + 1, end);
            at = end + 1;
        }
        Long keyVersion = digits(fields[0]);
        String secret = keyVersion == null || keyVersion > Integer.MAX_VALUE ? null : secretFor.apply(keyVersion.intValue());
        if (secret == null) return null;
        if (!sameSignature(signatureV2(secret, signed.substring(0, at)), signed.substring(at))) return null;
        if (!fields[2].equals(name)) return null;
        Long timestamp = digits(fields[1]);
        if (timestamp == null || timestamp < nowSeconds - maxAgeDays * DAY) return null;
        return base64(fields[3]);
    }
    // end::decode-signed-value[]

    /** The key version a version 2 value was signed under, or null (version 1, or not a signed value). */
    @Mirrors("web.get_signature_key_version 4.5")
    public static Integer keyVersion(String signed) {
        if (signed == null || version(signed) != 2) return null;
        int colon = signed.indexOf(':', 2);
        if (colon < 0) return null;
        Long length = digits(signed.substring(2, colon));
        if (length == null || colon + 1 + length >= signed.length() || signed.charAt(colon + 1 + length.intValue()) != '|') return null;
        Long v = digits(signed.substring(colon + 1, colon + 1 + length.intValue()));
        return v == null || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    // A non-negative decimal number of at most 18 digits, or null: Python's int() on the field,
    // without the signs, spaces and underscores it would also accept.
    private static Long digits(String s) {
        if (s.isEmpty() || s.length() > 18) return null;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
        }
        return Long.parseLong(s);
    }

    private static byte[] base64(String s) {
        try {
            return B64D.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameSignature(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static String requireSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("signed cookies need the cookieSecret setting: "
                    + "new Settings().cookieSecret(\"a long random string\")");
        }
        return secret;
    }

    @Mirrors("web._create_signature_v1 4.5")
    private static String signatureV1(String secret, String... parts) {
        return hmac("HmacSHA1", secret, String.join("", parts));
    }

    @Mirrors("web._create_signature_v2 4.5")
    private static String signatureV2(String secret, String toSign) {
        return hmac("HmacSHA256", secret, toSign);
    }

    private static String hmac(String algorithm, String secret, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK must provide HmacSHA1 and HmacSHA256, and any non-empty key is valid for them.
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
