package tornado.httputil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tornado.trace.Mirrors;

/**
 * Form bodies: the arguments and files of a POST from an HTML form, in either of the two
 * encodings a browser uses.
 *
 * <p>In the chain (ARCHITECTURE.adoc, "The chain") this is the last step before the application:
 * Tornado 2.4's {@code HTTPConnection._on_request_body} stores the body and, for POST, PATCH and
 * PUT, calls {@code httputil.parse_body_arguments(content_type, data, arguments, files)}, which
 * fills the request's two dictionaries in place. This class mirrors that function and
 * {@code parse_multipart_form_data}.
 *
 * <p>Malformed input: Tornado 2.4 through 6.3 logged a warning and skipped what it could not
 * read, so a handler saw a form with fields silently missing. Tornado 6.4 made every such case an
 * {@code HTTPInputError}, answered 400, and so do we: a client that sent a broken form learns so,
 * and a handler never acts on half a form.
 */
@Mirrors({"httputil.parse_body_arguments", "httputil.parse_multipart_form_data"})
public final class BodyArguments {
    private BodyArguments() {}

    /**
     * The longest multipart boundary accepted: RFC 2046 §5.1.1 allows 1 to 70 characters, and
     * the bound is also what keeps the search for boundaries linear in the body's size.
     */
    public static final int MAX_BOUNDARY_LENGTH = 70;

    /** {@link #parseBodyArguments(String, byte[], Map, Map, HTTPHeaders)} without headers. */
    @Mirrors("httputil.parse_body_arguments")
    public static void parseBodyArguments(String contentType, byte[] body,
                                          Map<String, List<String>> arguments,
                                          Map<String, List<HTTPFile>> files) {
        parseBodyArguments(contentType, body, arguments, files, null);
    }

    // tag::parse-body-arguments[]
    /**
     * Adds the arguments (and, for multipart, the files) that {@code body} holds to the two maps,
     * appending to any values already there (the query string's, typically).
     *
     * <ul>
     *   <li>{@code application/x-www-form-urlencoded}: {@link QueryStrings#parseQsBytes}.</li>
     *   <li>{@code multipart/form-data; boundary=…}: {@link #parseMultipartFormData}.</li>
     *   <li>Anything else (JSON, say) is left alone: the body stays in the request for the
     *       handler to read.</li>
     * </ul>
     * The media type is matched without regard to case and parameters (RFC 9110 §8.3.1);
     * Tornado uses a case-sensitive {@code startswith}.
     *
     * @param headers the request's headers, or {@code null}; when given, a form body with a
     *                {@code Content-Encoding} (gzip, say) is refused, since its bytes would be
     *                parsed as a form while still compressed
     * @throws HTTPInputError 400 for a malformed multipart body, 415 for an encoded form body
     */
    @Mirrors("httputil.parse_body_arguments")
    public static void parseBodyArguments(String contentType, byte[] body,
                                          Map<String, List<String>> arguments,
                                          Map<String, List<HTTPFile>> files, HTTPHeaders headers) {
        if (contentType == null) return;
        HeaderValue type = HeaderValue.parse(contentType);
        String mediaType = type.value().toLowerCase(Locale.ROOT);
        boolean urlencoded = mediaType.equals("application/x-www-form-urlencoded");
        boolean multipart = mediaType.equals("multipart/form-data");
        if (!urlencoded && !multipart) return;
        if (headers != null && headers.contains("Content-Encoding")) {
            throw new HTTPInputError(415, "unsupported Content-Encoding "
                    + HTTPInputError.quote(headers.get("Content-Encoding")) + " on a " + mediaType + " body");
        }
        if (urlencoded) {
            for (Map.Entry<String, List<String>> e : QueryStrings.parseQsBytes(body).entrySet()) {
                arguments.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
            return;
        }
        String boundary = type.param("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new HTTPInputError("multipart/form-data without a boundary parameter in Content-Type "
                    + HTTPInputError.quote(contentType));
        }
        parseMultipartFormData(boundary, body, arguments, files);
    }
    // end::parse-body-arguments[]

    // tag::multipart[]
    /**
     * Parses a {@code multipart/form-data} body (RFC 7578, on RFC 2046's multipart syntax):
     * <pre>
     *   --BOUNDARY\r\n
     *   Content-Disposition: form-data; name="title"\r\n
     *   \r\n
     *   Hello\r\n
     *   --BOUNDARY\r\n
     *   Content-Disposition: form-data; name="upload"; filename="a.png"\r\n
     *   Content-Type: image/png\r\n
     *   \r\n
     *   (bytes)\r\n
     *   --BOUNDARY--\r\n
     * </pre>
     * Each part needs {@code Content-Disposition: form-data} with a {@code name}. A part with a
     * non-empty {@code filename} becomes an {@link HTTPFile} with its bytes untouched; any other
     * part is an argument, its bytes read as UTF-8. (A file input left empty sends
     * {@code filename=""}; like Tornado we treat that as an ordinary, empty argument.) Text
     * before the first boundary and after the last is ignored, as RFC 2046 says.
     *
     * <p>The body is walked once: each search for the next boundary starts where the last one
     * ended, and the search for a part's blank line stops at the part's end, so no byte is
     * looked at more than a bounded number of times, however the parts are arranged.
     *
     * @param boundary the {@code boundary} parameter, with or without its quotes
     * @throws HTTPInputError (400) naming the part and what was wrong with it
     */
    @Mirrors("httputil.parse_multipart_form_data")
    public static void parseMultipartFormData(String boundary, byte[] data,
                                              Map<String, List<String>> arguments,
                                              Map<String, List<HTTPFile>> files) {
        // The boundary may be quoted in the header (RFC 2046 allows it; some clients do it).
        if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new HTTPInputError("multipart boundary must be 1 to " + MAX_BOUNDARY_LENGTH
                    + " characters, got " + boundary.length());
        }
        // Every delimiter but possibly the first is CRLF "--" boundary: the CRLF before it
        // belongs to the delimiter, not to the previous part's bytes (RFC 2046 §5.1.1), which
        // is how a file that ends without a newline keeps its last byte.
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.UTF_8);
        int pos;
        if (startsWith(data, 0, delimiter, 2)) {
            pos = delimiter.length - 2;
        } else {
            int first = indexOf(data, delimiter, 0, data.length);
            if (first < 0) throw new HTTPInputError("multipart body has no opening boundary --" + boundary);
            pos = first + delimiter.length;
        }
        int part = 0;
        while (true) {
            // pos is just past a "--BOUNDARY". Two dashes make it the closing one.
            if (pos + 1 < data.length && data[pos] == '-' && data[pos + 1] == '-') return;
            // Otherwise optional padding (spaces, tabs) and the CRLF that ends the line.
            while (pos < data.length && (data[pos] == ' ' || data[pos] == '\t')) pos++;
            if (pos + 1 >= data.length || data[pos] != '\r' || data[pos + 1] != '\n') {
                throw new HTTPInputError(pos >= data.length
                        ? "multipart body ends without the final boundary --" + boundary + "--"
                        : "multipart boundary line is not followed by CRLF");
            }
            int start = pos + 2;
            int end = indexOf(data, delimiter, start, data.length);
            if (end < 0) {
                throw new HTTPInputError("multipart body ends without the final boundary --" + boundary + "--");
            }
            part++;
            parsePart(data, start, end, part, arguments, files);
            pos = end + delimiter.length;
        }
    }
    // end::multipart[]

    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};

    // One part, data[start, end): headers, a blank line, the bytes.
    private static void parsePart(byte[] data, int start, int end, int part,
                                  Map<String, List<String>> arguments, Map<String, List<HTTPFile>> files) {
        int headersEnd;
        int bodyStart;
        if (startsWith(data, start, BLANK_LINE, 2) && end - start >= 2) {
            // No headers at all: the blank line comes first.
            headersEnd = start;
            bodyStart = start + 2;
        } else {
            int blank = indexOf(data, BLANK_LINE, start, end);
            if (blank < 0) throw new HTTPInputError("multipart part " + part + " has no blank line after its headers");
            headersEnd = blank;
            bodyStart = blank + 4;
        }
        // Part headers are UTF-8 (RFC 7578 §5.1: file names are sent that way); malformed
        // bytes become U+FFFD rather than failing the upload over a file's name.
        HTTPHeaders headers;
        try {
            headers = HTTPHeaders.parse(new String(data, start, headersEnd - start, StandardCharsets.UTF_8));
        } catch (HTTPInputError e) {
            throw new HTTPInputError("multipart part " + part + ": " + e.getMessage());
        }
        String disposition = headers.get("Content-Disposition");
        if (disposition == null) {
            throw new HTTPInputError("multipart part " + part + " has no Content-Disposition header");
        }
        HeaderValue cd = HeaderValue.parse(disposition);
        if (!cd.value().equalsIgnoreCase("form-data")) {
            throw new HTTPInputError("multipart part " + part + " has Content-Disposition "
                    + HTTPInputError.quote(cd.value()) + ", not form-data");
        }
        String name = cd.param("name");
        if (name == null || name.isEmpty()) {
            throw new HTTPInputError("multipart part " + part + " has no name in its Content-Disposition");
        }
        String filename = cd.param("filename");
        if (filename != null && !filename.isEmpty()) {
            files.computeIfAbsent(name, k -> new ArrayList<>(1)).add(new HTTPFile(filename,
                    headers.get("Content-Type", "application/unknown"), Arrays.copyOfRange(data, bodyStart, end)));
        } else {
            arguments.computeIfAbsent(name, k -> new ArrayList<>(1))
                    .add(new String(data, bodyStart, end - bodyStart, StandardCharsets.UTF_8));
        }
    }

    // True if data[at...] starts with needle[skip...].
    private static boolean startsWith(byte[] data, int at, byte[] needle, int skip) {
        int n = needle.length - skip;
        if (at + n > data.length) return false;
        for (int i = 0; i < n; i++) if (data[at + i] != needle[skip + i]) return false;
        return true;
    }

    // The first index in [from, to) where needle starts and fits entirely before to, or -1. A
    // plain scan: the needle is at most 74 bytes, so the cost is bounded by 74 × the span.
    static int indexOf(byte[] data, byte[] needle, int from, int to) {
        byte first = needle[0];
        int last = to - needle.length;
        for (int i = from; i <= last; i++) {
            if (data[i] != first) continue;
            int j = 1;
            while (j < needle.length && data[i + j] == needle[j]) j++;
            if (j == needle.length) return i;
        }
        return -1;
    }
}
