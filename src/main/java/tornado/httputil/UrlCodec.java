package tornado.httputil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tornado.trace.JavaOnly;

/**
 * Percent-encoding, both ways: {@code a b&c} to {@code a+b%26c} and back.
 *
 * <p>Tornado has no such file; it calls Python's {@code urllib.parse} ({@code quote},
 * {@code quote_plus}, {@code unquote}, {@code unquote_plus}, {@code urlencode}). Java's
 * {@code URLEncoder}/{@code URLDecoder} are close but not the same: the encoder leaves {@code *}
 * alone and escapes {@code ~}, and the decoder throws on a malformed escape such as {@code %zz},
 * where Python (and so Tornado) keeps it as it is. A query string from a browser or a hand-typed
 * URL is exactly where malformed escapes turn up, and a server must not fail a request over one,
 * so we write the twenty lines ourselves and match Python's rules.
 *
 * <p>It lives in {@code httputil}, the lowest chapter that needs it (query strings, form bodies,
 * {@link QueryStrings#urlConcat}); chapter 5's {@code escape.urlEscape} and {@code urlUnescape}
 * call it rather than repeat it.
 */
@JavaOnly("Tornado uses Python's urllib.parse for percent-encoding; Java's URLEncoder/URLDecoder differ from it")
public final class UrlCodec {
    private UrlCodec() {}

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Percent-encodes {@code text} as UTF-8. Letters, digits and {@code _.-~} are never encoded
     * (RFC 3986's unreserved characters); every other byte becomes {@code %XX}, with two
     * exceptions set by {@code plus}:
     * <ul>
     *   <li>{@code plus == true}: Python's {@code quote_plus}, the form-encoding of query
     *       values: a space becomes {@code +} and {@code /} is encoded.</li>
     *   <li>{@code plus == false}: Python's {@code quote} with its default {@code safe="/"},
     *       for path segments: a space becomes {@code %20} and {@code /} is kept.</li>
     * </ul>
     */
    public static String quote(String text, boolean plus) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || (c == '/' && !plus)) {
                out.append((char) c);
            } else if (c == ' ' && plus) {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }

    // tag::unquote[]
    /**
     * Decodes percent-escapes in raw bytes: {@code %XX} (either case) becomes the byte XX, and
     * with {@code plus} a {@code +} becomes a space. An escape that is not two hex digits
     * ({@code %zz}, a {@code %} at the end) is kept as it is, as Python's {@code unquote} does.
     * One pass, no backtracking.
     */
    public static byte[] unquoteToBytes(byte[] in, int offset, int length, boolean plus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int c = in[i] & 0xff;
            if (c == '%' && i + 2 < end && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (c == '+' && plus) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
    // end::unquote[]

    /**
     * Decodes a percent-encoded Java string: the characters as they are, escapes as the bytes
     * they stand for, all read as UTF-8. Bytes that are not valid UTF-8 become U+FFFD, as with
     * Python's {@code unquote(errors="replace")}. Python's {@code unquote_plus} when
     * {@code plus}, {@code unquote} otherwise.
     */
    public static String unquote(String text, boolean plus) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return new String(unquoteToBytes(raw, 0, raw.length, plus), StandardCharsets.UTF_8);
    }

    /**
     * Encodes name-value pairs as a query string, {@code a=1&b=x+y}, each side with
     * {@code quote(…, true)}: Python's {@code urlencode}.
     */
    public static String urlencode(Iterable<? extends Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : pairs) {
            if (out.length() > 0) out.append('&');
            out.append(quote(p.getKey(), true)).append('=').append(quote(p.getValue(), true));
        }
        return out.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }
}
