package tornado.web;

import tornado.httputil.Responses;
import tornado.trace.Mirrors;

/**
 * An exception that becomes an HTTP error response. Throw it anywhere inside a handler (in
 * {@code prepare}, in {@code get}, in a helper that {@code get} calls, in a callback wrapped by
 * {@link RequestHandler#asyncCallback}) and {@link RequestHandler}'s {@code _execute} turns it into
 * a page with that status. Mirrors web.py's {@code HTTPError}.
 *
 * <p>The {@code logMessage} is for the server's log, never for the client: a 403 may be logged as
 * "XSRF cookie does not match POST argument" while the browser sees only "403: Forbidden". As in
 * Tornado, it is a format string with {@code args} ({@code %s} placeholders here, where Python
 * used {@code %}), so that the message is only built when it is logged.
 *
 * <p><b>Where Java differs.</b> Python exceptions are cheap to make; Java's fill in a stack trace,
 * which for an exception used as control flow (a 404 for every missing page) is wasted work. This
 * one skips it: the log line says what was wrong, and the place it was thrown is in the log
 * message's own words.
 */
@Mirrors("web.HTTPError")
public class HTTPError extends RuntimeException {
    private final int statusCode;
    private final String logMessage;
    private final Object[] args;
    private final String reason;

    /** An error with this status and nothing to log. */
    @Mirrors("web.HTTPError.__init__")
    public HTTPError(int statusCode) {
        this(null, statusCode, null, new Object[0]);
    }

    /**
     * An error with this status; {@code logMessage} (a {@link String#format} pattern over
     * {@code args}) goes to the log as a warning, with the request that caused it.
     */
    @Mirrors("web.HTTPError.__init__")
    public HTTPError(int statusCode, String logMessage, Object... args) {
        this(null, statusCode, logMessage, args);
    }

    /**
     * An error with its own reason phrase for the status line ({@code "Unprocessable Entity"}),
     * which a status code without a standard phrase needs. Tornado 3.0 added this as the
     * {@code reason} keyword. A factory rather than a constructor: a constructor
     * {@code (int, String, String, Object...)} would also match {@code new HTTPError(409,
     * "conflict on %s", "thing")} and quietly take the log message for the reason.
     */
    @Mirrors("web.HTTPError.__init__ 3.0")
    public static HTTPError withReason(int statusCode, String reason, String logMessage, Object... args) {
        return new HTTPError(reason, statusCode, logMessage, args);
    }

    /** For subclasses that set a reason; note the order: reason first. */
    protected HTTPError(String reason, int statusCode, String logMessage, Object[] args) {
        super(null, null, false, false);
        this.statusCode = statusCode;
        this.reason = reason;
        this.logMessage = logMessage;
        this.args = args == null ? new Object[0] : args;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase given when this was thrown, or null for the standard one. */
    public String reason() {
        return reason;
    }

    /**
     * The log message with its arguments filled in, or null when there is none. The arguments
     * often come from the request (a path, a name), so a control character in one is shown
     * escaped ({@code \n}, {@code \xNN}, and a backslash as two, so that the escapes are
     * unambiguous): a percent-encoded newline in a static file's path would otherwise start a
     * forged line of the server's log. Numbers are left to the format.
     */
    public String logMessage() {
        if (logMessage == null) return null;
        if (args.length == 0) return logMessage;
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (!(shown[i] instanceof Number)) shown[i] = withoutControls(String.valueOf(shown[i]));
        }
        return String.format(logMessage, shown);
    }

    private static String withoutControls(CharSequence text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') b.append("\\\\");
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** {@code HTTP 404: Not Found (the log message)}, the form Tornado's {@code __str__} gives. */
    @Override
    @Mirrors("web.HTTPError.__str__")
    public String getMessage() {
        String phrase = reason != null ? reason : Responses.responses(statusCode);
        String message = "HTTP " + statusCode + ": " + (phrase == null ? "Unknown" : phrase);
        String log = logMessage();
        return log == null ? message : message + " (" + log + ")";
    }
}
