package tornado.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tornado.trace.Mirrors;

/**
 * Signing and checking the values behind {@code setSecureCookie} and {@code getSecureCookie}:
 * web.py's module functions {@code create_signed_value} and {@code decode_signed_value}. A signed
 * value can be handed to a browser and trusted when it comes back, because only someone holding
 * the application's {@code cookieSecret} can make a signature that checks.
 *
 * <h2>The format</h2>
 * <pre>
 *   base64url(value) "|" timestamp "|" hex(HMAC-SHA256(secret, name "|" base64url(value) "|" timestamp))
 * </pre>
 * e.g. {@code SGVsbG8|1700000000|5f2c…}: the value in URL-safe base64 without padding (so any bytes
 * survive a cookie, and no character of it is {@code |}), the signing time in Unix seconds, and the
 * signature as 64 hex digits. This is the shape of Tornado 2.4's format (version 1), with two
 * changes, each closing a hole that format had:
 * <ul>
 *   <li>HMAC-SHA256 instead of HMAC-SHA1;</li>
 *   <li>the signed message has {@code |} between its parts. Version 1 signed the parts run
 *       together, so an attacker could move trailing digits of the value into the timestamp
 *       without changing the signature; Tornado 2.4 guards against that with range checks on the
 *       timestamp, and Tornado 3.2's version 2 format with length prefixes. A delimiter that
 *       cannot occur inside a part does the same job and is easier to read.</li>
 * </ul>
 * The cookie's name is part of the signed message, so a value signed for the cookie {@code user}
 * cannot be replayed as the cookie {@code admin}.
 *
 * <p>Signatures are compared with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is: with an ordinary {@code equals}, an attacker who can time
 * many requests learns how many leading characters of a forged signature are right, and finds
 * the rest one character at a time. Tornado's {@code _time_independent_equals} is the same idea.
 */
@Mirrors({"web.create_signed_value", "web.decode_signed_value"})
public final class SignedValues {
    private static final Logger log = Logger.getLogger("tornado.general");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final long DAY = 86_400;

    private SignedValues() {}

    // tag::create-signed-value[]
    /** Signs {@code value} for the cookie {@code name} at time {@code nowSeconds} (Unix seconds). */
    @Mirrors("web.create_signed_value")
    public static String create(String secret, String name, byte[] value, long nowSeconds) {
        String encoded = B64.encodeToString(value);
        String timestamp = Long.toString(nowSeconds);
        return encoded + "|" + timestamp + "|" + signature(secret, name, encoded, timestamp);
    }
    // end::create-signed-value[]

    // tag::decode-signed-value[]
    /**
     * The value inside {@code signed} if its signature checks for {@code name} and it was signed
     * within the last {@code maxAgeDays} days; otherwise null. Every way of failing (a missing
     * part, a wrong signature, an old or future timestamp, bad base64) gives null, so that a
     * tampered cookie reads exactly like an absent one.
     */
    @Mirrors("web.decode_signed_value")
    public static byte[] decode(String secret, String name, String signed, double maxAgeDays, long nowSeconds) {
        if (signed == null || signed.isEmpty()) return null;
        String[] parts = signed.split("\\|", -1);
        if (parts.length != 3) return null;
        String expected = signature(secret, name, parts[0], parts[1]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            log.warning("Invalid signature on cookie " + name);
            return null;
        }
        // From here on the parts are ours: only the holder of the secret could have made them.
        // The checks below are about age, not forgery.
        long timestamp;
        try {
            timestamp = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (timestamp < nowSeconds - (long) (maxAgeDays * DAY)) {
            log.warning("Expired cookie " + name);
            return null;
        }
        if (timestamp > nowSeconds + 31 * DAY) {
            log.warning("Cookie " + name + " signed in the future; is a clock wrong?");
            return null;
        }
        try {
            return B64D.decode(parts[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
    // end::decode-signed-value[]

    @Mirrors("web._create_signature")
    private static String signature(String secret, String name, String encoded, String timestamp) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("signed cookies need the cookieSecret setting: "
                    + "new Settings().cookieSecret(\"a long random string\")");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((name + "|" + encoded + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK must provide HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
