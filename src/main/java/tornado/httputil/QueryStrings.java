package tornado.httputil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tornado.trace.Mirrors;

/**
 * Query strings: reading {@code ?a=1&b=x+y&a=2} into {@code {a=[1, 2], b=[x y]}}, and appending
 * arguments to a URL.
 *
 * <p>The request's arguments come from here twice: from the query part of the URI when the
 * request object is built, and from an {@code application/x-www-form-urlencoded} body through
 * {@link BodyArguments#parseBodyArguments}. Tornado reads both with {@code escape.parse_qs_bytes}
 * (Python's {@code parse_qs} with {@code keep_blank_values=True}); since our {@code escape}
 * chapter comes after {@code httputil}, the function lives here and {@code escape} uses it.
 *
 * <p>Where Java differs: Tornado keeps argument values as bytes and decodes them as UTF-8 only
 * when a handler asks ({@code get_argument}). Java code wants strings, so we decode here, once,
 * with invalid UTF-8 turned into U+FFFD rather than an error; the raw bytes are still in the
 * request for a handler that needs another charset.
 */
@Mirrors("escape.parse_qs_bytes")
public final class QueryStrings {
    private QueryStrings() {}

    // tag::parse-qs[]
    /**
     * Parses query-string bytes, as they came off the wire, into names and their values, both
     * ordered by first appearance.
     *
     * <ul>
     *   <li>Fields are separated by {@code &} only. Python before 3.9.2 (and so Tornado 2.4)
     *       also split on {@code ;}; that was dropped because a cache and a server splitting
     *       differently could be fooled into disagreeing about a request's parameters.</li>
     *   <li>Empty fields ({@code a=1&&b=2}) are skipped; a field without {@code =} is a name
     *       with the empty value ({@code ?debug} gives {@code debug=[""]}), which is what
     *       {@code keep_blank_values=True} means.</li>
     *   <li>{@code +} is a space, {@code %XX} the byte XX, a malformed escape stays literally,
     *       and the bytes are read as UTF-8 ({@link UrlCodec#unquoteToBytes}).</li>
     * </ul>
     */
    public static Map<String, List<String>> parseQsBytes(byte[] qs, int offset, int length) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int end = offset + length;
        int start = offset;
        while (start <= end) {
            int amp = indexOf(qs, (byte) '&', start, end);
            int fieldEnd = amp < 0 ? end : amp;
            if (fieldEnd > start) {
                int eq = indexOf(qs, (byte) '=', start, fieldEnd);
                String name = decode(qs, start, eq < 0 ? fieldEnd : eq);
                String value = eq < 0 ? "" : decode(qs, eq + 1, fieldEnd);
                out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            if (amp < 0) break;
            start = amp + 1;
        }
        return out;
    }
    // end::parse-qs[]

    /** {@link #parseQsBytes(byte[], int, int)} of a whole array: a form body, say. */
    public static Map<String, List<String>> parseQsBytes(byte[] qs) {
        return parseQsBytes(qs, 0, qs.length);
    }

    /**
     * {@link #parseQsBytes} of a query string held as Java text, characters outside escapes
     * read as themselves ({@code é} is é).
     *
     * <p>A server that decoded the request line as ISO-8859-1, one char per byte as
     * {@link HTTPHeaders#parse} expects, should instead pass
     * {@code query.getBytes(ISO_8859_1)} to {@link #parseQsBytes(byte[])}: that gives back the
     * bytes the client sent, so raw UTF-8 in a URL decodes correctly.
     */
    public static Map<String, List<String>> parseQs(String qs) {
        return parseQsBytes(qs.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(byte[] qs, int from, int to) {
        return new String(UrlCodec.unquoteToBytes(qs, from, to - from, true), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] == b) return i;
        return -1;
    }

    /**
     * Appends arguments to a URL, whether or not it already has a query: {@code ?} if it has
     * none, {@code &} if it has one, nothing if it already ends in {@code ?} or {@code &}. Pairs
     * keep their order and may repeat a name. A {@code #fragment} stays at the end, where it
     * belongs (Tornado 2.4 appended after it; later versions parse the URL to avoid that).
     */
    @Mirrors("httputil.url_concat")
    public static String urlConcat(String url, List<? extends Map.Entry<String, String>> args) {
        if (args == null || args.isEmpty()) return url;
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String glue;
        if (base.endsWith("?") || base.endsWith("&")) glue = "";
        else glue = base.indexOf('?') >= 0 ? "&" : "?";
        return base + glue + UrlCodec.urlencode(args) + fragment;
    }

    /** {@link #urlConcat(String, List)} with a map's entries, in the map's order. */
    @Mirrors("httputil.url_concat")
    public static String urlConcat(String url, Map<String, String> args) {
        return urlConcat(url, args == null ? null : new ArrayList<>(args.entrySet()));
    }
}
