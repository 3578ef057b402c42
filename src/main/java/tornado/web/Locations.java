package tornado.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import tornado.trace.JavaOnly;

/**
 * What {@link RequestHandler#redirect} puts in a {@code Location} header: the URL it was given,
 * resolved against the request's own URL as RFC 3986 §5.2 resolves a reference, and written in
 * ASCII. Tornado 2.4 calls Python's {@code urljoin} for the first and sends the URL's UTF-8 bytes
 * as they are; Java's {@code URI.resolve} follows the older RFC 2396, which sends
 * {@code "?page=2"} to the site's root instead of to this page, and a header of ours carries
 * Latin-1, in which most of the world's letters cannot be written at all.
 */
@JavaOnly("Python's urllib.parse.urljoin, which Tornado 2.4's redirect calls, and its utf8() of the URL")
final class Locations {
    private Locations() {}

    // A scheme (RFC 3986 §3.1) followed by its colon: the reference is a URL of its own.
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /**
     * The target of {@code reference} seen from {@code base}, a request's URI (a path, maybe a
     * query): RFC 3986 §5.2.2 for a reference with no scheme and no authority, which is what a
     * handler passes when it redirects within its own site. A URL with a scheme, or one that
     * starts with {@code //}, names its own place and is returned as it is.
     */
    static String resolve(String base, String reference) {
        if (SCHEME.matcher(reference).find() || reference.startsWith("//")) return reference;
        String[] b = split(base);
        String[] r = split(reference);
        String path;
        String query;
        if (r[0].isEmpty()) {
            // "" or "?q" or "#f": this very page, with the reference's query if it has one.
            path = b[0];
            query = r[1] != null ? r[1] : b[1];
        } else {
            // "/x" replaces the path; "x" or "../x" is merged with the base's directory.
            path = removeDotSegments(r[0].startsWith("/") ? r[0] : b[0].substring(0, b[0].lastIndexOf('/') + 1) + r[0]);
            query = r[1];
        }
        return path + (query != null ? "?" + query : "") + (r[2] != null ? "#" + r[2] : "");
    }

    // path, query (null if none), fragment (null if none)
    private static String[] split(String uri) {
        String fragment = null;
        int hash = uri.indexOf('#');
        if (hash >= 0) {
            fragment = uri.substring(hash + 1);
            uri = uri.substring(0, hash);
        }
        String query = null;
        int q = uri.indexOf('?');
        if (q >= 0) {
            query = uri.substring(q + 1);
            uri = uri.substring(0, q);
        }
        return new String[] {uri, query, fragment};
    }

    /** RFC 3986 §5.2.4: "." and ".." segments resolved, so "/a/../b" is "/b" and "/../b" is "/b" too. */
    static String removeDotSegments(String path) {
        StringBuilder in = new StringBuilder(path);
        StringBuilder out = new StringBuilder();
        while (in.length() > 0) {
            if (startsWith(in, "../")) in.delete(0, 3);
            else if (startsWith(in, "./")) in.delete(0, 2);
            else if (startsWith(in, "/./")) in.delete(0, 2);
            else if (in.toString().equals("/.")) in.replace(0, 2, "/");
            else if (startsWith(in, "/../")) {
                in.delete(0, 3);
                dropLastSegment(out);
            } else if (in.toString().equals("/..")) {
                in.replace(0, 3, "/");
                dropLastSegment(out);
            } else if (in.toString().equals(".") || in.toString().equals("..")) {
                in.setLength(0);
            } else {
                // Move the first segment, with its leading "/", to the output.
                int next = in.indexOf("/", 1);
                if (next < 0) next = in.length();
                out.append(in, 0, next);
                in.delete(0, next);
            }
        }
        return out.toString();
    }

    private static boolean startsWith(StringBuilder b, String prefix) {
        return b.length() >= prefix.length() && b.substring(0, prefix.length()).equals(prefix);
    }

    private static void dropLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    /**
     * The URL with every character outside ASCII written as the percent-escapes of its UTF-8
     * bytes (RFC 3986 §2.1: a URI is ASCII), so that {@code /wiki/Москва} goes out as
     * {@code /wiki/%D0%9C%D0%BE…}, which every client reads the same way. ASCII, escapes already
     * there included, is left as it is.
     */
    static String asciiOnly(String url) {
        StringBuilder b = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x80) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(url.length() + 16).append(url, 0, i);
            // A surrogate pair is one character, two chars; a lone surrogate is encoded as '?' is.
            int end = Character.isHighSurrogate(c) && i + 1 < url.length() && Character.isLowSurrogate(url.charAt(i + 1)) ? i + 2 : i + 1;
            for (byte x : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
            }
            i = end - 1;
        }
        return b == null ? url : b.toString();
    }
}
