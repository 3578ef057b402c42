package tornado.httputil;

import tornado.trace.Mirrors;

/**
 * The first line of a request, {@code GET /index.html?x=1 HTTP/1.1}, in its three parts.
 *
 * <p>Tornado 2.4's {@code HTTPConnection._on_headers} splits the line inline
 * ({@code method, uri, version = start_line.split(" ")}); when that gives the wrong number of
 * parts, or the version does not start with {@code HTTP/}, it raises its private
 * {@code _BadRequestException}, logs it and closes the connection. Tornado 4.0 moved the split into
 * {@code httputil.parse_request_start_line}, returning this named tuple, so that the HTTP/1
 * connection and the WSGI adapter share it. We have the same reason: chapter 4's callback
 * connection calls {@link #parse}, and so will the coroutine connection of a planned later
 * chapter.
 *
 * @param method  the method token, such as {@code GET}; case-sensitive, so {@code get} is a
 *                different (unknown) method
 * @param path    the request target exactly as sent: usually a path with an optional query
 *                ({@code /a?b=c}), also {@code *} or an absolute URI; Tornado calls it
 *                {@code path} here and {@code uri} on the request
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1} (or another {@code HTTP/1.x})
 */
@Mirrors("httputil.RequestStartLine 4.0")
public record RequestStartLine(String method, String path, String version) {

    // tag::parse[]
    // tag::skip-empty-lines[]
    /**
     * Where the request line begins in a header block: after the empty lines a client may send
     * before it. RFC 9112 §2.2 asks a server to ignore at least one empty line (CRLF) there: some
     * clients send a stray CRLF after a POST body, which would otherwise begin the next request.
     * Only whole CRLF pairs are empty lines; a lone CR or LF before the request line (as in
     * {@code \r\rGET}) is a 400, since another parser could read it as a line of its own.
     * (Tornado 4 strips any run of CR and LF there.)
     *
     * @throws HTTPInputError (400) if a CR or LF before the request line is not part of a CRLF
     */
    @Mirrors("httputil.parse_request_start_line 4.0")
    public static int skipEmptyLines(String block) {
        int start = 0;
        while (block.startsWith("\r\n", start)) start += 2;
        if (start < block.length() && (block.charAt(start) == '\r' || block.charAt(start) == '\n')) {
            throw new HTTPInputError("only empty CRLF lines may precede the request line; found a bare "
                    + (block.charAt(start) == '\r' ? "CR" : "LF") + " at byte " + start);
        }
        return start;
    }
    // end::skip-empty-lines[]

    /**
     * Splits and checks a request line (without its CRLF). RFC 9112 §3 is the grammar:
     * {@code method SP request-target SP HTTP-version}, with exactly one space between parts.
     *
     * @throws HTTPInputError 400 if the line is malformed: not three parts separated by single
     *                        spaces, a method that is not a token, an empty target or one with
     *                        a byte that is not visible ASCII, or a version not of the form
     *                        {@code HTTP/d.d}; 505 if the version is well formed but not 1.x
     *                        ({@code HTTP/2.0}, {@code HTTP/0.9}), so the server can say
     *                        "HTTP Version Not Supported" rather than "Bad Request"
     */
    @Mirrors("httputil.parse_request_start_line 4.0")
    public static RequestStartLine parse(String line) {
        return parse(line, 0, line.length());
    }

    /**
     * {@link #parse(String)} of the line {@code text[start, end)}, read where it lies: the
     * connection passes the whole head it received, as it does to {@link HTTPHeaders#parseStrict}.
     */
    @Mirrors("httputil.parse_request_start_line 4.0")
    public static RequestStartLine parse(String text, int start, int end) {
        // A line feed inside the line means it ended in a bare LF, as the header lines after it
        // then do too: the strict parser's rule (HTTPHeaders.parseStrict), said about this line.
        int lf = text.indexOf('\n', start);
        if (lf >= 0 && lf < end) {
            throw new HTTPInputError("request line ends with a bare LF (only CRLF ends a line): "
                    + HTTPInputError.quote(text.substring(start, lf)));
        }
        // Exactly two single spaces. Splitting by hand rather than with split(" ") lets the
        // error say which part is missing, and rejects "GET  / HTTP/1.1" (two spaces), which
        // some parsers read as a target of "" and others as "/".
        int sp1 = indexOfSpace(text, start, end);
        int sp2 = sp1 < 0 ? -1 : indexOfSpace(text, sp1 + 1, end);
        if (sp1 < 0 || sp2 < 0 || indexOfSpace(text, sp2 + 1, end) >= 0) {
            throw new HTTPInputError("malformed HTTP request line " + HTTPInputError.quote(text.substring(start, end))
                    + ": expected METHOD SP TARGET SP VERSION");
        }
        String method = common(text, start, sp1);
        String target = text.substring(sp1 + 1, sp2);
        String version = common(text, sp2 + 1, end);
        if (!isToken(method)) {
            throw new HTTPInputError("malformed HTTP method " + HTTPInputError.quote(method)
                    + " in request line " + HTTPInputError.quote(text.substring(start, end)) + ": a method is a token");
        }
        if (target.isEmpty()) {
            throw new HTTPInputError("empty request target in request line " + HTTPInputError.quote(text.substring(start, end)));
        }
        // The target is a URI or a piece of one, and RFC 3986 builds URIs from visible ASCII
        // alone: anything else travels percent-encoded. So a control character, DEL, or a byte
        // of 0x80 or more (raw UTF-8, from a client that puts an accented path on the wire
        // unencoded) is a 400, as RFC 9112 §3 recommends for an invalid request line. Tornado 6 lets bytes above
        // 0x7F through, as browsers' URL parsing would; we refuse them because nothing says
        // which charset they are in, and a proxy that re-encodes them, or a router that decodes
        // them as Latin-1 where the application expected UTF-8, would route a path other than
        // the one that was checked. Percent-encoding has one meaning everywhere.
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                String hex = String.format("%02X", (int) c);
                throw new HTTPInputError("request target " + HTTPInputError.quote(target) + " holds byte 0x" + hex
                        + ", which is not visible ASCII: send it percent-encoded, as %" + hex + " (RFC 3986)");
            }
        }
        if (!isHttpVersion(version)) {
            throw new HTTPInputError("malformed HTTP version " + HTTPInputError.quote(version)
                    + " in request line: expected HTTP/1.1 or HTTP/1.0");
        }
        // Well formed but a major version other than 1. RFC 9112 §2.3 has the server answer
        // 505; Tornado answers 400, as it cannot tell the two apart.
        if (version.charAt(5) != '1') {
            throw new HTTPInputError(505, "unsupported HTTP version " + version
                    + ": this server speaks HTTP/1.0 and HTTP/1.1");
        }
        return new RequestStartLine(method, target, version);
    }
    // end::parse[]

    private static int indexOfSpace(String text, int from, int end) {
        int i = text.indexOf(' ', from);
        return i < end ? i : -1;
    }

    // The methods and versions that nearly every request line carries, handed out as these very
    // strings: such a line then costs one new string, its target, where cutting out all three
    // parts (and the line itself, before them) made four (PerRequest hello and uri-echo).
    private static final String[] COMMON = {"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "HTTP/1.1", "HTTP/1.0"};

    private static String common(String text, int start, int end) {
        for (String c : COMMON) if (c.length() == end - start && text.startsWith(c, start)) return c;
        return text.substring(start, end);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!HTTPHeaders.isTchar(s.charAt(i))) return false;
        return true;
    }

    // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive.
    private static boolean isHttpVersion(String v) {
        return v.length() == 8 && v.startsWith("HTTP/") && isDigit(v.charAt(5)) && v.charAt(6) == '.'
                && isDigit(v.charAt(7));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * True for HTTP/1.1 and any later 1.x: RFC 9112 §2.3 has a server treat an unknown higher
     * minor version as the highest it knows. Tornado 2.4 tests {@code version == "HTTP/1.1"}
     * in {@code supports_http_1_1}, which would give an {@code HTTP/1.2} client 1.0 semantics.
     */
    @Mirrors("httpserver.HTTPRequest.supports_http_1_1")
    public boolean supportsHttp11() {
        return version.charAt(7) >= '1';
    }
}
