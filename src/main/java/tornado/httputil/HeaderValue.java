package tornado.httputil;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tornado.trace.Mirrors;

/**
 * A header value with parameters, such as
 * {@code multipart/form-data; boundary="----x"} or
 * {@code form-data; name="file"; filename="a.txt"}, taken apart into the main value and a map of
 * parameters.
 *
 * <p>It mirrors Tornado's private {@code httputil._parse_header} (and {@code _parseparam}, which
 * splits at semicolons outside quotes), adapted from Python's {@code cgi.parse_header}. The body
 * parser uses it twice: for the request's {@code Content-Type}, to find the multipart boundary,
 * and for each part's {@code Content-Disposition}, to find the field's name and file name.
 *
 * @param value  the part before the first semicolon, trimmed, case as sent
 * @param params parameters by lower-cased name, values unquoted; in order of appearance
 */
@Mirrors("httputil._parse_header")
public record HeaderValue(String value, Map<String, String> params) {

    /**
     * Parses {@code line}. A parameter value may be a token or a quoted string
     * ({@code "a \"b\" c"}, backslash escaping one character); a semicolon inside quotes does
     * not split. A parameter whose name ends in {@code *} is in RFC 5987/2231 form,
     * {@code charset'language'percent-encoded} ({@code filename*=UTF-8''%E2%82%AC.txt}), and is
     * decoded and stored under the name without the star, where it wins over the plain form:
     * that is how browsers send non-ASCII file names. A parameter without {@code =} is skipped.
     */
    public static HeaderValue parse(String line) {
        List<String> parts = splitOutsideQuotes(line);
        String value = HTTPHeaders.trimWhitespace(parts.get(0));
        Map<String, String> params = new LinkedHashMap<>();
        List<String> extended = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            String p = HTTPHeaders.trimWhitespace(parts.get(i));
            int eq = p.indexOf('=');
            if (eq < 0) continue;
            String name = HTTPHeaders.trimWhitespace(p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String v = HTTPHeaders.trimWhitespace(p.substring(eq + 1));
            if (name.endsWith("*") && name.length() > 1) {
                String decoded = decodeExtended(v);
                if (decoded != null) {
                    // Remember it; applied after the loop so it wins whichever comes first.
                    extended.add(name.substring(0, name.length() - 1));
                    extended.add(decoded);
                    continue;
                }
            }
            params.put(name, unquote(v));
        }
        for (int i = 0; i < extended.size(); i += 2) params.put(extended.get(i), extended.get(i + 1));
        return new HeaderValue(value, Collections.unmodifiableMap(params));
    }

    /** The parameter {@code name} (any case), or {@code null}. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    // Splits at ';' except inside a quoted string, where a backslash escapes the next char.
    private static List<String> splitOutsideQuotes(String line) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') i++;
            else if (c == '"') quoted = !quoted;
            else if (c == ';' && !quoted) {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(line.substring(start));
        return parts;
    }

    // "a \"b\"" -> a "b". A value that is not wrapped in quotes is returned as it is.
    private static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) c = v.charAt(++i);
            b.append(c);
        }
        return b.toString();
    }

    // charset'language'value, the value percent-encoded in that charset. Returns null when the
    // text is not in this form, so the caller can keep it as an ordinary value.
    private static String decodeExtended(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) return null;
        Charset charset;
        try {
            charset = Charset.forName(v.substring(0, q1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // A charset Java does not know, or none: UTF-8 is what every current browser sends.
            charset = StandardCharsets.UTF_8;
        }
        // The value should be ASCII with escapes; raw characters beyond ASCII are kept as UTF-8.
        byte[] raw = v.substring(q2 + 1).getBytes(StandardCharsets.UTF_8);
        return new String(UrlCodec.unquoteToBytes(raw, 0, raw.length, false), charset);
    }
}
