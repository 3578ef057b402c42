package tornado.httputil;

import tornado.trace.Mirrors;

/**
 * The bytes a peer sent are not an HTTP message we can accept: a malformed start line, a header
 * line without a colon, a Content-Length that is not a number, a chunk size that is not hex.
 *
 * <p>It mirrors {@code HTTPInputError} of {@code tornado/httputil.py}, which Tornado 4.0
 * introduced (its working name, {@code HTTPInputException}, was changed before the release).
 * Tornado 2.4 had a private {@code _BadRequestException} in {@code httpserver.py} for the same
 * purpose; its {@code _on_headers} logged it and closed the connection without answering. Every parsing
 * function of this package throws this exception, and only it, for bad input, so a connection
 * has one thing to catch: it answers {@link #code()} with {@link Responses#reason(int)} as the
 * phrase and closes, because after a framing error it cannot know where the next request would
 * start.
 *
 * <p>Java addition: the status code to answer with. Tornado always answers 400; RFC 9112 asks for
 * 505 when the version is well formed but not one we speak, and 501 for a transfer coding we do
 * not implement, so the function that finds the problem, which knows which it is, says so here.
 * The message names what was wrong and quotes (a bounded part of) the offending text.
 */
@Mirrors({"httpserver._BadRequestException", "httputil.HTTPInputError 4.0"})
public class HTTPInputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** Bad input, answered with 400 Bad Request. */
    public HTTPInputError(String message) {
        this(400, message);
    }

    /** Bad input to be answered with {@code code}: 400, 501, 505, or another 4xx. */
    public HTTPInputError(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The status the server should answer with before closing the connection. */
    public int code() {
        return code;
    }

    /**
     * Quotes peer-supplied text for an error message: at most 60 characters, control characters
     * shown as {@code \r}, {@code \n} or {@code \xNN}. A hostile header can be 64 KiB of anything;
     * the log line it produces should be neither huge nor able to forge a line of its own. The
     * text is a request's head, decoded as ISO-8859-1, one char per byte, so every char from
     * 0x7F up is shown as the byte it was, {@code \xNN}: the C1 controls among them (0x85 is
     * NEL, which some log viewers take as a line break), and the bytes of UTF-8, which the
     * answer's UTF-8 body would otherwise show as other letters ({@code /é} sent as UTF-8 came
     * back as {@code /Ã©}).
     */
    public static String quote(CharSequence text) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(text.length(), 60);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') b.append("\\r");
            else if (c == '\n') b.append("\\n");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || c >= 0x7f) b.append(String.format("\\x%02x", (int) c));
            else if (c == '\'' || c == '\\') b.append('\\').append(c);
            else b.append(c);
        }
        if (text.length() > n) b.append("...");
        return b.append('\'').toString();
    }
}
