package tornado.httputil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tornado.trace.Mirrors;

/**
 * How the body of a request is delimited: there is none, it is {@code Content-Length} bytes
 * long, or it comes in chunks ({@code Transfer-Encoding: chunked}).
 *
 * <p>This is the decision that keeps one request from bleeding into the next on a kept-alive
 * connection. Tornado 2.4 made it in one line of {@code HTTPConnection._on_headers}
 * ({@code content_length = headers.get("Content-Length")}, then {@code int()} of it) and knew no
 * chunked requests at all. Tornado 4.0 moved it into {@code HTTP1Connection._read_body}, and 6.x
 * hardened it after request-smuggling reports. We follow RFC 9112 §6 and the hardened Tornado,
 * and keep the rules here, in plain functions, so that chapter 4's callback connection and the
 * coroutine connection of a planned later chapter cannot disagree about where a body ends.
 *
 * <p>What the connection does with the answer: for {@link Kind#LENGTH} it compares
 * {@link #length()} with its body-size limit (answering 413 when it is larger) and then reads
 * exactly that many bytes; for {@link Kind#CHUNKED} it reads chunk-size lines
 * ({@link ChunkedEncoding#parseChunkSize}) and chunks; for {@link Kind#NONE} the request ends with
 * its headers.
 *
 * @param kind   which of the three framings
 * @param length the body's length for {@link Kind#LENGTH}; 0 for {@link Kind#NONE}; -1 for
 *               {@link Kind#CHUNKED}, whose length is not known in advance
 */
@Mirrors("http1connection.HTTP1Connection._read_body 4.0")
public record BodyFraming(Kind kind, long length) {

    /** The three ways a request body can be delimited. */
    public enum Kind {
        /** No body: neither Content-Length nor Transfer-Encoding was sent. */
        NONE,
        /** Exactly {@link #length()} bytes follow the headers (possibly 0). */
        LENGTH,
        /** Chunked transfer coding; the body ends with a zero-size chunk. */
        CHUNKED
    }

    private static final BodyFraming NO_BODY = new BodyFraming(Kind.NONE, 0);
    private static final BodyFraming CHUNKED_BODY = new BodyFraming(Kind.CHUNKED, -1);

    /** True if there are body bytes to read: chunked, or a non-zero length. */
    public boolean hasBody() {
        return kind == Kind.CHUNKED || length > 0;
    }

    // tag::of-request[]
    /**
     * Decides the framing of a request from its version and headers (RFC 9112 §6.3, for
     * requests).
     *
     * <ol>
     *   <li>{@code Transfer-Encoding} and {@code Content-Length} together: 400. RFC 9112 lets a
     *       server let the first win, but a front proxy that let the second win would see a
     *       different request boundary than we do; this is the classic smuggling setup, and
     *       Tornado 6 refuses it too.</li>
     *   <li>{@code Transfer-Encoding} in an HTTP/1.0 request: 400. HTTP/1.0 has no transfer
     *       codings, so a 1.0 hop in front of us would not have decoded them (RFC 9112 §6.1).</li>
     *   <li>{@code Transfer-Encoding} whose last coding is not {@code chunked}: 400, as RFC 9112
     *       §6.3 requires: the end of such a body cannot be found.
     *       {@code chunked} listed twice: 400 (it must be applied only once).</li>
     *   <li>{@code chunked} preceded by another coding ({@code gzip, chunked}): 501 Not
     *       Implemented, as RFC 9112 §6.1 suggests for a coding the server does not understand;
     *       Tornado 6 answers 400 to every Transfer-Encoding other than exactly
     *       {@code chunked}. The connection closes either way.</li>
     *   <li>Exactly {@code chunked} (any case, any whitespace around it): {@link Kind#CHUNKED}.</li>
     *   <li>Otherwise {@code Content-Length}, as {@link #parseContentLength} reads it, or no body.</li>
     * </ol>
     *
     * @param version the request's version, {@code HTTP/1.0} or {@code HTTP/1.1}
     * @throws HTTPInputError with the code to answer, 400 or 501
     */
    public static BodyFraming ofRequest(String version, HTTPHeaders headers) {
        List<String> transferEncoding = headers.getList("Transfer-Encoding");
        if (!transferEncoding.isEmpty()) {
            if (headers.contains("Content-Length")) {
                throw new HTTPInputError("request has both Transfer-Encoding and Content-Length;"
                        + " refusing it, since a proxy may have framed it differently");
            }
            // HTTP/1.1 or a later 1.x, which RFC 9112 §2.3 has us treat as 1.1.
            boolean http11 = version.length() == 8 && version.startsWith("HTTP/1.") && version.charAt(7) >= '1'
                    && version.charAt(7) <= '9';
            if (!http11) {
                throw new HTTPInputError("Transfer-Encoding in an " + version + " request;"
                        + " transfer codings need HTTP/1.1");
            }
            List<String> codings = listElements(transferEncoding);
            if (codings.isEmpty()) {
                throw new HTTPInputError("empty Transfer-Encoding header");
            }
            String last = codings.get(codings.size() - 1);
            if (!last.equals("chunked")) {
                throw new HTTPInputError("final transfer coding is " + HTTPInputError.quote(last)
                        + ", not chunked: the end of the body cannot be determined");
            }
            for (int i = 0; i < codings.size() - 1; i++) {
                if (codings.get(i).equals("chunked")) {
                    throw new HTTPInputError("Transfer-Encoding applies chunked more than once");
                }
            }
            if (codings.size() > 1) {
                throw new HTTPInputError(501, "transfer coding " + HTTPInputError.quote(codings.get(0))
                        + " is not implemented; only chunked is");
            }
            return CHUNKED_BODY;
        }
        long n = parseContentLength(headers);
        return n < 0 ? NO_BODY : new BodyFraming(Kind.LENGTH, n);
    }
    // end::of-request[]

    // tag::content-length[]
    /**
     * The request's {@code Content-Length}, or -1 if it has none.
     *
     * <p>The header may come several times, or as a comma-separated list: proxies sometimes
     * duplicate it, and RFC 9110 §8.6 lets a recipient accept that when every value is the
     * same. Each value must be a plain decimal number (digits only: no sign, no spaces inside,
     * no {@code 0x}) and all must be identical as written, as Tornado 6 requires; {@code 5} and
     * {@code 05} are different values, and a request that cannot make up its mind is refused.
     *
     * @throws HTTPInputError (400) for an empty, non-numeric, conflicting or overflowing value
     */
    @Mirrors("http1connection.HTTP1Connection._read_body 4.0")
    public static long parseContentLength(HTTPHeaders headers) {
        List<String> values = headers.getList("Content-Length");
        if (values.isEmpty()) return -1;
        String first = null;
        for (String value : values) {
            // An empty header, or an empty element ("5,,5"), is an error here rather than a
            // skipped element: the field's grammar (RFC 9110 §8.6) is one number, not a list.
            int start = 0;
            while (true) {
                int comma = value.indexOf(',', start);
                String element = HTTPHeaders.trimWhitespace(comma < 0 ? value.substring(start) : value.substring(start, comma));
                if (!isDigits(element)) {
                    throw new HTTPInputError("invalid Content-Length " + HTTPInputError.quote(value)
                            + ": it must be a non-negative decimal integer");
                }
                if (first == null) first = element;
                else if (!first.equals(element)) {
                    throw new HTTPInputError("conflicting Content-Length values " + HTTPInputError.quote(first)
                            + " and " + HTTPInputError.quote(element));
                }
                if (comma < 0) break;
                start = comma + 1;
            }
        }
        return parseDecimal(first);
    }
    // end::content-length[]

    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    // Digits to a long, refusing overflow. Leading zeros are harmless (000…0005 is 5), so the
    // overflow check is on the value, not on the count of digits.
    private static long parseDecimal(String digits) {
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                throw new HTTPInputError("Content-Length " + HTTPInputError.quote(digits)
                        + " is too large; the limit is " + Long.MAX_VALUE);
            }
            n = n * 10 + d;
        }
        return n;
    }

    // The elements of a comma-separated header list, trimmed and lower-cased (transfer codings
    // are case-insensitive, RFC 9112 §7). Empty elements are dropped, as RFC 9110 §5.6.1 asks of
    // a recipient, so "chunked," is just chunked.
    private static List<String> listElements(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String t = HTTPHeaders.trimWhitespace(element).toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) out.add(t);
            }
        }
        return out;
    }
}
