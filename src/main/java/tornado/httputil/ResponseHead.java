package tornado.httputil;

import java.nio.charset.StandardCharsets;

import tornado.trace.Mirrors;

/**
 * The start of every response this server sends: the status line and the header block, as the
 * bytes that go on the wire. Three authors use it: chapter 5's {@code RequestHandler}, for every
 * page a handler makes; chapter 4's {@code HTTPConnection}, for the error answers it gives
 * itself when a request cannot reach a handler (400, 413, 431, 500 …); and chapter 7's
 * {@code HTTP1Connection}, for the same error answers and for {@code write_headers}. One builder
 * means every kind of answer follows the same rules, and a rule added here holds for all.
 *
 * <p>Tornado 2.4 builds this text in {@code RequestHandler._generate_headers} and has no error
 * answers of its own; Tornado 4.0 moved the writing into {@code HTTP1Connection.write_headers},
 * with the status in an {@code httputil.ResponseStartLine}. Ours is a plain function, like the
 * rest of this package, so it can be tested on its own.
 */
@Mirrors({"httputil.ResponseStartLine 4.0", "http1connection.HTTP1Connection.write_headers 4.0"})
public final class ResponseHead {
    private ResponseHead() {}

    // tag::format[]
    /**
     * {@code HTTP/1.1 code reason}, then one line per header value, then one
     * {@code Set-Cookie} line per cookie, then the empty line that ends the head. We always say
     * {@code HTTP/1.1}, also to an HTTP/1.0 client, as RFC 9110 §2.5 asks (a server sends the
     * highest version it conforms to); Tornado 2.4 echoed the request's version, Tornado 4.1
     * switched to this.
     *
     * <p>The values were checked when they were set ({@link HTTPHeaders#add}), so none of them
     * can hold a CR or LF and end its line early. {@code setCookies} are whole
     * {@code Set-Cookie} values ({@code name=value; Path=/}); they are kept apart from
     * {@code headers} because a response may set several cookies, and {@code HTTPHeaders}, like
     * Tornado's, treats a header name as one field.
     *
     * @param reason the phrase after the code, or null for the standard one
     *               ({@link Responses#reason}, {@code Unknown} for a code it does not know)
     */
    public static byte[] format(int code, String reason, HTTPHeaders headers, Iterable<String> setCookies) {
        return format(code, reason, headers, setCookies, EMPTY);
    }

    /**
     * {@link #format}, with {@code body} after the head in the same array: what a response
     * finished in one go sends, in one write. The head is measured first and then written
     * straight into an array of the exact size, one byte per char. The StringBuilder (grown
     * past its first 256 chars), the String made of it, its encoding and the copy that joined
     * head and body were 5 arrays; this is one, and hello's allocation per request fell from
     * 3,571 to 2,711 bytes (bench/README.adoc, "Per request").
     */
    public static byte[] format(int code, String reason, HTTPHeaders headers, Iterable<String> setCookies, byte[] body) {
        String statusLine = statusLine(code, reason);
        // Measuring: a Latin-1 text is one byte per char. Names need no look: every name in an
        // HTTPHeaders passed checkName, so it is a token, which is ASCII. Nor do the values:
        // HTTPHeaders noted whether they are Latin-1 when it checked them. The status line and the
        // cookies are looked at once each, here, and not again while writing. Looking at every
        // text twice (once to measure, once to write) and copying it char by char, hello's five
        // headers set and its head written took 326 ns; now 241 (bench/HeadCost.java).
        boolean latin1 = headers.allLatin1() && isLatin1(statusLine);
        int length = statusLine.length() + 2;
        for (int i = 0; i < headers.pairCount(); i++) {
            length += headers.nameAt(i).length() + 2 + headers.valueAt(i).length() + 2;
        }
        for (String cookie : setCookies) {
            latin1 &= isLatin1(cookie);
            length += SET_COOKIE.length() + cookie.length() + 2;
        }
        if (!latin1) return encoded(statusLine, headers, setCookies, body);
        length += 2;
        byte[] out = new byte[length + body.length];
        int at = putLine(out, 0, statusLine);
        for (int i = 0; i < headers.pairCount(); i++) {
            at = put(out, at, headers.nameAt(i));
            out[at++] = ':';
            out[at++] = ' ';
            at = putLine(out, at, headers.valueAt(i));
        }
        for (String cookie : setCookies) at = putLine(out, put(out, at, SET_COOKIE), cookie);
        at = putLine(out, at, "");
        System.arraycopy(body, 0, out, at, body.length);
        return out;
    }

    private static final String STATUS_PREFIX = "HTTP/1.1 ";
    private static final String SET_COOKIE = "Set-Cookie: ";
    private static final byte[] EMPTY = new byte[0];

    // The status line of every code with a standard phrase, made once: "HTTP/1.1 200 OK" at
    // index code - 100, for the codes 100 to 599 that set_status accepts. Writing the number and
    // looking up its phrase for every response were 8 % of the samples in a JFR profile of a
    // hello loop like bench/WebCost.java's; with the lines made once, hello's head takes 173 ns
    // where it took 186 (bench/HeadCost.java), and a whole hello request 415 ns where it took
    // 436 (bench/WebCost.java).
    private static final String[] STANDARD_LINES = new String[500];
    static {
        Responses.all().forEach((code, phrase) -> STANDARD_LINES[code - 100] = STATUS_PREFIX + code + " " + phrase);
    }

    // The first line of the head, without its CRLF. A code with no standard phrase (a handler
    // may send one it made up, with a phrase of its own) gets "Unknown" when it brings none, as
    // Tornado's responses.get(code, "Unknown") does.
    private static String statusLine(int code, String reason) {
        int index = code - 100;
        if (reason == null && index >= 0 && index < STANDARD_LINES.length && STANDARD_LINES[index] != null) {
            return STANDARD_LINES[index];
        }
        return STATUS_PREFIX + code + " " + (reason != null ? reason : Responses.reason(code));
    }

    // Header bytes are Latin-1, one byte per char, as Tornado writes them: a byte a handler
    // copied from a request header (decoded the same way) goes back out as that very byte.
    // HTTPHeaders.checkResponseValue refused any char Latin-1 cannot carry when it was set, so
    // for every head a handler makes, each char is its own byte.
    //
    // String.getBytes(int, int, byte[], int) is deprecated because it keeps only the low byte of
    // each char, which is wrong for text in general and exactly right for text already known to
    // be Latin-1; the JDK copies a Latin-1 string's bytes with one array copy, where a loop over
    // charAt looked at every char.
    @SuppressWarnings("deprecation")
    private static int put(byte[] out, int at, String text) {
        text.getBytes(0, text.length(), out, at);
        return at + text.length();
    }

    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) > 0xff) return false;
        return true;
    }

    private static int putLine(byte[] out, int at, String text) {
        at = put(out, at, text);
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }

    // A head with a char Latin-1 cannot carry (HTTPHeaders.set does not refuse one, so a caller
    // that sets headers directly can put one there): made as text and encoded by
    // String.getBytes, which writes '?' for such a char, as the server always has. The texts are
    // joined with ": " and CRLF between them, so no two of them can merge into one char.
    private static byte[] encoded(String statusLine, HTTPHeaders headers, Iterable<String> setCookies, byte[] body) {
        StringBuilder head = new StringBuilder(statusLine).append("\r\n");
        for (int i = 0; i < headers.pairCount(); i++) {
            head.append(headers.nameAt(i)).append(": ").append(headers.valueAt(i)).append("\r\n");
        }
        for (String cookie : setCookies) head.append(SET_COOKIE).append(cookie).append("\r\n");
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + body.length);
        System.arraycopy(body, 0, out, bytes.length, body.length);
        return out;
    }
    // end::format[]

    /**
     * Whether a response with this status may carry a body: 1xx, 204 and 304 responses never do
     * (RFC 9110 §6.4.1). The one rule behind three decisions in chapter 5: whether a response
     * needs a {@code Content-Length}, whether an error page is written for it, and whether it
     * can be chunked.
     */
    public static boolean bodyAllowed(int code) {
        return code >= 200 && code != 204 && code != 304;
    }

    /** The {@code Retry-After} of a 503 error answer, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    // tag::error-answer[]
    /**
     * A whole error answer, head and body, as the connection itself sends it when a request
     * cannot reach the application (400, 413, 431, 500, 503 …): a {@code Date} (RFC 9110 §6.6.1:
     * a server with a clock dates its 4xx answers), a plain-text body of one line saying what
     * was wrong ({@code message} may be null: for 500 the details stay in the server's log),
     * its {@code Content-Length}, and {@code Connection: close}, since after such an error the
     * connection always closes. Both chapter 4's callback connection and chapter 7's coroutine
     * connection send exactly these bytes.
     */
    public static byte[] errorAnswer(int code, String message) {
        String reason = Responses.reason(code);
        byte[] body = (code + " " + reason + (message == null ? "" : ": " + message) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        HTTPHeaders headers = new HTTPHeaders();
        headers.set("Date", HttpDates.formatTimestamp(java.time.Instant.now()));
        headers.set("Content-Type", "text/plain; charset=utf-8");
        headers.set("Content-Length", Integer.toString(body.length));
        headers.set("Connection", "close");
        // A 503 says when trying again makes sense (RFC 9110 §10.2.3): the uploads that hold the
        // server's body budget usually end within seconds, and a client that retries sooner would
        // only be refused again.
        if (code == 503) headers.set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return format(code, reason, headers, java.util.List.of(), body);
    }
    // end::error-answer[]
}
