package tornado.httputil;

import java.util.List;

import tornado.trace.Mirrors;

/**
 * The chunked transfer coding's one piece of syntax that needs parsing: the chunk-size line.
 *
 * <p>A chunked body (RFC 9112 §7.1) is a series of chunks, each a line with the size in hex, the
 * bytes, and a CRLF, ended by a chunk of size 0 and the (usually empty) trailer section:
 * <pre>
 *   5\r\n
 *   hello\r\n
 *   0\r\n
 *   \r\n
 * </pre>
 * The connection drives the reading: {@code readUntil("\r\n")} for the size line (at most
 * {@link #MAX_SIZE_LINE} bytes), {@link #parseChunkSize} on it, then {@code readBytes(size + 2)}
 * and a check that the last two bytes are CRLF; after the 0-size chunk, trailer lines until an
 * empty one. Tornado 2.4 could not read chunked requests at all; this mirrors the size parsing in
 * Tornado 4.x's {@code HTTP1Connection._read_chunked_body}, stricter than 4.x was (it called
 * {@code int(line, 16)}, which accepts {@code " -0x1_0 "}), like 6.x after its smuggling fixes.
 *
 * <p>Why strictness matters here: if a proxy in front of us and we read a size line differently
 * ({@code "+5"}, {@code "5 "}, a 17-digit size that wraps around), the bytes one of us takes as
 * chunk data the other takes as the next request.
 */
@Mirrors("http1connection.HTTP1Connection._read_chunked_body 4.0")
public final class ChunkedEncoding {
    private ChunkedEncoding() {}

    /**
     * The most bytes a chunk-size line may take, CRLF included. Tornado reads it with
     * {@code max_bytes=64}, which fits any legal size but no extensions; we accept extensions
     * (RFC 9112 §7.1.1 says a recipient must ignore ones it does not understand, so it must be
     * able to read past them), and 1 KiB is far more than any client sends while still small
     * enough that a hostile one cannot make us buffer much.
     */
    public static final int MAX_SIZE_LINE = 1024;

    /** The most hex digits a size may have: 16 digits are 64 bits. */
    public static final int MAX_HEX_DIGITS = 16;

    // tag::parse-chunk-size[]
    /**
     * Parses a chunk-size line: hex digits, then optional extensions
     * ({@code ;name} or {@code ;name=value}, the value a token or a quoted string), which are
     * checked and ignored. The line may end with its CRLF or not.
     *
     * @return the chunk's size in bytes; 0 marks the last chunk
     * @throws HTTPInputError (400) saying what was wrong: an empty line, a sign, {@code 0x} or
     *                        any other non-hex character where the size should be, more than 16
     *                        hex digits, a size that does not fit a signed long, whitespace
     *                        with no extension after it, or a malformed extension
     */
    public static long parseChunkSize(String line) {
        int end = line.length();
        // Drop the CRLF readUntil left on; a lone CR or LF is part of the line and is refused
        // below like any other character that does not belong.
        if (line.endsWith("\r\n")) end -= 2;
        if (end == 0) throw new HTTPInputError("empty chunk-size line: expected the chunk's size in hex");
        int i = 0;
        long size = 0;
        while (i < end && hexValue(line.charAt(i)) >= 0) {
            if (i == MAX_HEX_DIGITS) {
                throw new HTTPInputError("chunk size " + HTTPInputError.quote(line.substring(0, end))
                        + " has more than " + MAX_HEX_DIGITS + " hex digits");
            }
            // Sixteen digits fit 64 bits, but a size from 8000000000000000 up would turn
            // negative as a signed long; refuse it rather than read a negative length.
            if (size > (Long.MAX_VALUE >> 4)) {
                throw new HTTPInputError("chunk size " + HTTPInputError.quote(line.substring(0, end))
                        + " is too large; the limit is " + Long.toHexString(Long.MAX_VALUE) + " (hex)");
            }
            size = (size << 4) | hexValue(line.charAt(i));
            i++;
        }
        if (i == 0) {
            throw new HTTPInputError("chunk size must start with a hex digit, got "
                    + HTTPInputError.quote(line.substring(0, end)));
        }
        checkExtensions(line, i, end);
        return size;
    }
    // end::parse-chunk-size[]

    /** {@link #parseChunkSize(String)} on bytes as {@code readUntil} returns them. */
    public static long parseChunkSize(byte[] bytes, int offset, int length) {
        // ISO-8859-1 maps each byte to one char, so every byte is seen as itself.
        return parseChunkSize(new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), RFC 9112 §7.1.1. Walked by
    // hand: we only need to know the extensions are well formed, not what they say.
    private static void checkExtensions(String line, int i, int end) {
        while (i < end) {
            i = skipWhitespace(line, i, end);
            if (i == end) {
                throw new HTTPInputError("trailing whitespace in chunk-size line "
                        + HTTPInputError.quote(line.substring(0, end)));
            }
            if (line.charAt(i) != ';') {
                throw new HTTPInputError("unexpected " + HTTPInputError.quote(line.substring(i, i + 1))
                        + " after chunk size in " + HTTPInputError.quote(line.substring(0, end)));
            }
            i = skipWhitespace(line, i + 1, end);
            int nameStart = i;
            while (i < end && HTTPHeaders.isTchar(line.charAt(i))) i++;
            if (i == nameStart) {
                throw new HTTPInputError("chunk extension without a name in " + HTTPInputError.quote(line.substring(0, end)));
            }
            int afterName = i;
            i = skipWhitespace(line, i, end);
            if (i < end && line.charAt(i) == '=') {
                i = skipWhitespace(line, i + 1, end);
                if (i < end && line.charAt(i) == '"') {
                    i = skipQuotedString(line, i, end);
                } else {
                    int valueStart = i;
                    while (i < end && HTTPHeaders.isTchar(line.charAt(i))) i++;
                    if (i == valueStart) {
                        throw new HTTPInputError("chunk extension without a value after '=' in "
                                + HTTPInputError.quote(line.substring(0, end)));
                    }
                }
            } else {
                i = afterName;
            }
        }
    }

    // A quoted string: '"', then text, tab, space or obs-text, with backslash escaping one
    // character, then '"'. Returns the index after the closing quote.
    private static int skipQuotedString(String line, int i, int end) {
        i++;
        while (i < end) {
            char c = line.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\') i++;
            else if ((c < 0x20 && c != '\t') || c == 0x7f) break;
            i++;
        }
        throw new HTTPInputError("unterminated or invalid quoted string in chunk extension "
                + HTTPInputError.quote(line.substring(0, end)));
    }

    private static int skipWhitespace(String line, int i, int end) {
        while (i < end && HTTPHeaders.isWhitespace(line.charAt(i))) i++;
        return i;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // tag::trailer[]
    /**
     * The fields that say how a message is framed or routed, which RFC 9110 §6.5.1 forbids in a
     * trailer: a sender must not put them there, and a recipient must not act on them.
     */
    private static final List<String> NOT_IN_TRAILERS = List.of(
            "Content-Length", "Transfer-Encoding", "Trailer", "Host", "Content-Type", "Content-Encoding",
            "Content-Range", "Connection", "Expect", "Te");

    /**
     * Parses a chunked body's trailer section (the lines after the last chunk, each with its CRLF,
     * without the final empty line) with the same strict rules as a request's header block,
     * {@link HTTPHeaders#parseStrict}: a line without a colon, a bare LF or a fold is a 400. The
     * fields that frame or route the message are then dropped explicitly, so that no later use of
     * the trailers can let a {@code Content-Length} arriving after the body change anything.
     * Tornado reads no trailers at all (4.x refuses a body with any); RFC 9112 §7.1.2 lets a
     * server ignore them, which is what the connection does with what this returns.
     *
     * @throws HTTPInputError (400) naming the offending line
     */
    @Mirrors("http1connection.HTTP1Connection._read_chunked_body 4.0")
    public static HTTPHeaders parseTrailer(String block) {
        HTTPHeaders fields = HTTPHeaders.parseStrict(block);
        for (String name : NOT_IN_TRAILERS) fields.remove(name);
        return fields;
    }
    // end::trailer[]
}
