package tornado.escape;

import tornado.trace.JavaOnly;

/**
 * JSON text that does not parse, with where: {@code Expecting ',' delimiter: line 1 column 9
 * (char 8)}.
 *
 * <p>Python's {@code json.JSONDecodeError}, which Tornado's {@code json_decode} lets through: the
 * same message wording and the same position conventions (line and column from 1, the character
 * offset from 0), so an error reads the same from either server. A handler that decodes a request
 * body turns it into a 400.
 */
@JavaOnly("Python's json.JSONDecodeError; Tornado has no exception of its own for this")
public final class JsonDecodeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int position;
    private final int line;
    private final int column;

    JsonDecodeError(String reason, String doc, int position) {
        this(reason, position, lineOf(doc, position), columnOf(doc, position));
    }

    private JsonDecodeError(String reason, int position, int line, int column) {
        super(reason + ": line " + line + " column " + column + " (char " + position + ")");
        this.reason = reason;
        this.position = position;
        this.line = line;
        this.column = column;
    }

    /** What was wrong, without the position: {@code Expecting value}. */
    public String reason() {
        return reason;
    }

    /** The offset of the offending character, from 0. */
    public int position() {
        return position;
    }

    /** The line it is on, from 1. */
    public int line() {
        return line;
    }

    /** Its column on that line, from 1. */
    public int column() {
        return column;
    }

    private static int lineOf(String doc, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < doc.length(); i++) if (doc.charAt(i) == '\n') line++;
        return line;
    }

    private static int columnOf(String doc, int pos) {
        int lastNewline = doc.lastIndexOf('\n', Math.min(pos, doc.length()) - 1);
        return pos - lastNewline;
    }
}
