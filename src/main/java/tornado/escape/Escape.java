package tornado.escape;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import tornado.httputil.UrlCodec;
import tornado.trace.Mirrors;

/**
 * Escaping and unescaping for the places a web application puts text: HTML, URLs, JSON, and the
 * bytes of the wire.
 *
 * <p>This mirrors {@code tornado/escape.py}, a module of plain functions, and keeps its names:
 * {@code xhtml_escape} is {@link #xhtmlEscape}, {@code json_encode} is {@link #jsonEncode}, and
 * so on. Chapter 5 uses it everywhere: {@code RequestHandler.write} JSON-encodes a map, the
 * default error page and the template engine HTML-escape what they print, redirects and
 * {@code reverse_url} URL-escape their arguments, cookies and arguments pass through
 * {@link #utf8} and {@link #toUnicode}.
 *
 * <p>It sits above {@code httputil} in the chapter order and borrows its percent-encoding
 * ({@link UrlCodec}): Tornado's {@code url_escape} is a thin layer over Python's
 * {@code urllib.parse}, and ours is a thin layer over that. JSON is ours ({@link JsonWriter},
 * {@link JsonReader}), since the JDK has none.
 */
@Mirrors("escape")
public final class Escape {
    private Escape() {}

    // tag::xhtml-escape[]
    /**
     * Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '} so that the text can go
     * into HTML, both as element content and inside a quoted attribute value.
     *
     * <p>The single quote is written {@code &#x27;}, as Tornado 6.4 and later write it (they call
     * Python's {@code html.escape}). Tornado 2.4 left it alone, which let a value break out of an
     * attribute quoted with {@code '}; Tornado 3.2 to 6.3 wrote {@code &#39;}. Both unescape to
     * the same text.
     *
     * <p>Most text needs no escaping; then the very string given is returned, without a copy.
     * Templates call this for every value they print, so that case matters.
     */
    @Mirrors({"escape.xhtml_escape", "escape.xhtml_escape 6.4"})
    public static String xhtmlEscape(String value) {
        int i = 0;
        while (i < value.length() && replacement(value.charAt(i)) == null) i++;
        if (i == value.length()) return value;
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            String r = replacement(c);
            if (r == null) out.append(c);
            else out.append(r);
        }
        return out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#x27;";
            default -> null;
        };
    }
    // end::xhtml-escape[]

    // tag::xhtml-unescape[]
    /**
     * Replaces character references with the characters they stand for: named ones from HTML 4
     * ({@code &amp;}, {@code &eacute;}), decimal ({@code &#233;}) and hex ({@code &#xE9;}).
     * A reference Tornado would not recognize is left as it is: an unknown name
     * ({@code &apos;}, HTML 4 has none), a number that is not a code point, or a missing
     * semicolon ({@code &amp} stays). Each reference is replaced once: {@code &amp;lt;} becomes
     * {@code &lt;}, not {@code <}.
     *
     * <p>These are the rules of Tornado 2.4 to 6.3. Tornado 6.4 made {@code xhtml_unescape} a
     * wrapper of Python's {@code html.unescape}, which follows HTML5's parsing rules: over 2,000
     * names, some valid without the semicolon, and invalid numbers replaced by U+FFFD. That is
     * the right tool for taking apart arbitrary HTML; for undoing {@link #xhtmlEscape}, which is
     * what a server does with it, the two agree.
     */
    @Mirrors("escape.xhtml_unescape")
    public static String xhtmlUnescape(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int copied = 0;
        while (amp >= 0) {
            // Tornado's pattern is &(#?)(\w+?); : an optional '#', word characters, a ';'.
            int i = amp + 1;
            boolean numeric = i < value.length() && value.charAt(i) == '#';
            if (numeric) i++;
            int nameStart = i;
            while (i < value.length() && isWordChar(value.charAt(i))) i++;
            String replaced = null;
            if (i > nameStart && i < value.length() && value.charAt(i) == ';') {
                String name = value.substring(nameStart, i);
                replaced = numeric ? numericReference(name) : HtmlEntities.lookup(name);
            }
            if (replaced != null) {
                out.append(value, copied, amp).append(replaced);
                copied = i + 1;
                amp = value.indexOf('&', copied);
            } else {
                // Not a reference: the '&' is ordinary text; look for the next one after it.
                amp = value.indexOf('&', amp + 1);
            }
        }
        return out.append(value, copied, value.length()).toString();
    }

    // "233" or "xE9" to the character, or null if it is not a number or not a code point.
    private static String numericReference(String digits) {
        boolean hex = digits.charAt(0) == 'x' || digits.charAt(0) == 'X';
        String number = hex ? digits.substring(1) : digits;
        if (number.isEmpty()) return null;
        long codePoint = 0;
        for (int k = 0; k < number.length(); k++) {
            char c = number.charAt(k);
            // ASCII digits only (Character.digit would take other scripts' digits too), and stop
            // as soon as the number is past the last code point, however many digits follow.
            int d = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return null;
            codePoint = codePoint * (hex ? 16 : 10) + d;
            if (codePoint > Character.MAX_CODE_POINT) return null;
        }
        return Character.toString((int) codePoint);
    }
    // end::xhtml-unescape[]

    // Python 3's \w: letters and digits of any script, and the underscore.
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    // tag::url-escape[]
    /**
     * URL-escapes {@code value} (as UTF-8) for a query string: a space becomes {@code +} and
     * {@code /} is escaped. This is {@code url_escape(value)} with its default {@code plus=True}.
     */
    @Mirrors("escape.url_escape")
    public static String urlEscape(String value) {
        return urlEscape(value, true);
    }

    /**
     * URL-escapes {@code value} (as UTF-8). With {@code plus}, for a query string: a space
     * becomes {@code +}, {@code /} becomes {@code %2F}. Without, for a path: a space becomes
     * {@code %20} and {@code /} stays, since it separates the path's segments. Tornado added the
     * {@code plus} switch in 3.1; before, it always used {@code +}, which is wrong in a path
     * (there a {@code +} is a literal plus).
     */
    @Mirrors("escape.url_escape 3.1")
    public static String urlEscape(String value, boolean plus) {
        return UrlCodec.quote(value, plus);
    }

    /** Decodes a URL-escaped query-string value: {@code url_unescape(value)}, {@code +} as space. */
    @Mirrors("escape.url_unescape")
    public static String urlUnescape(String value) {
        return urlUnescape(value, true);
    }

    /**
     * Decodes a URL-escaped value as UTF-8; with {@code plus}, {@code +} means a space (query
     * strings), without it stays a plus (paths). Malformed escapes such as {@code %zz} are kept,
     * and bytes that are not UTF-8 become U+FFFD, as with Python's {@code unquote}.
     */
    @Mirrors("escape.url_unescape 3.1")
    public static String urlUnescape(String value, boolean plus) {
        return UrlCodec.unquote(value, plus);
    }
    // end::url-escape[]

    /** Tornado's {@code url_unescape(value, encoding=None)}: the decoded bytes, not decoded as text. */
    @Mirrors("escape.url_unescape 3.1")
    public static byte[] urlUnescapeToBytes(String value, boolean plus) {
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        return UrlCodec.unquoteToBytes(raw, 0, raw.length, plus);
    }

    // tag::json-encode[]
    /**
     * Encodes {@code value} as JSON, exactly as Python's {@code json.dumps} would (see
     * {@link JsonWriter}), with one change Tornado makes: every {@code </} is written
     * {@code <\/}. The two mean the same in JSON, but only the second can sit inside an HTML
     * {@code <script>} element: an HTML parser ends the script at the first {@code </script>},
     * even one inside a JavaScript string, and what follows would run as markup.
     *
     * @throws IllegalArgumentException for a value JSON cannot hold (an arbitrary object, NaN, a
     *                                  structure that contains itself)
     */
    @Mirrors("escape.json_encode")
    public static String jsonEncode(Object value) {
        return JsonWriter.write(value).replace("</", "<\\/");
    }
    // end::json-encode[]

    /**
     * Decodes JSON text into {@code Map}, {@code List}, {@code String}, {@code Long} (or
     * {@code BigInteger} when too large), {@code Double}, {@code Boolean} or {@code null}; see
     * {@link JsonReader}.
     *
     * @throws JsonDecodeError saying what was expected and where, as Python does:
     *                         {@code Expecting value: line 1 column 1 (char 0)}
     */
    @Mirrors("escape.json_decode")
    public static Object jsonDecode(String value) {
        return JsonReader.read(value);
    }

    /** {@link #jsonDecode(String)} of UTF-8 bytes, a request body say; invalid UTF-8 is an error. */
    @Mirrors("escape.json_decode")
    public static Object jsonDecode(byte[] value) {
        return JsonReader.read(toUnicode(value));
    }

    // tag::utf8[]
    /**
     * The UTF-8 bytes of {@code value}; {@code null} stays {@code null}, as {@code None} does in
     * Tornado. Unpaired surrogates, which UTF-8 cannot hold, become {@code ?}.
     */
    @Mirrors("escape.utf8")
    public static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code value} decoded as UTF-8; {@code null} stays {@code null}. Strict, like Python's
     * {@code bytes.decode("utf-8")}: invalid UTF-8 is an error naming the offset, where Java's
     * {@code new String(bytes, UTF_8)} would quietly put U+FFFD in its place.
     *
     * @throws IllegalArgumentException if the bytes are not valid UTF-8
     */
    @Mirrors({"escape.to_unicode", "escape._unicode"})
    public static String toUnicode(byte[] value) {
        if (value == null) return null;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            // After a failed decode the buffer stands at the first bad byte.
            int at = in.position();
            throw new IllegalArgumentException("invalid UTF-8 at byte " + at
                    + String.format(" (0x%02x)", value[at] & 0xff), e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid UTF-8: " + e.getMessage(), e);
        }
    }
    // end::utf8[]

    /**
     * Replaces every run of whitespace and control characters (U+0000 to U+0020) with one space,
     * and trims the ends: {@code " a \t\n b "} becomes {@code "a b"}.
     */
    @Mirrors("escape.squeeze")
    public static String squeeze(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean inRun = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20) {
                if (!inRun) out.append(' ');
                inRun = true;
            } else {
                out.append(c);
                inRun = false;
            }
        }
        // Python's strip() also removes other Unicode spaces at the ends (no-break space, ideographic
        // space), so we do as well.
        int a = 0;
        int b = out.length();
        while (a < b && isPythonSpace(out.charAt(a))) a++;
        while (b > a && isPythonSpace(out.charAt(b - 1))) b--;
        return out.substring(a, b);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x1c || c == 0x1d
                || c == 0x1e || c == 0x1f || c == 0x85;
    }

    /**
     * Turns the URLs in plain text into links, after HTML-escaping the text: see
     * {@link Linkify#linkify(String, boolean, java.util.List, String)}. Only {@code http} and
     * {@code https} links are made, and {@code www.} addresses without a scheme get
     * {@code http://}.
     */
    @Mirrors("escape.linkify")
    public static String linkify(String text) {
        return Linkify.linkify(text, false, java.util.List.of("http", "https"), "");
    }
}
