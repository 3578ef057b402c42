package tornado.escape;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tornado.trace.JavaOnly;

/**
 * Reads JSON text (RFC 8259) into Java values: objects become {@code LinkedHashMap<String,
 * Object>} (keys in document order, a repeated key keeping its first place and its last value, as
 * a Python dict does), arrays {@code ArrayList<Object>}, strings {@code String}, numbers
 * {@code Long} when whole and {@code Double} otherwise, and {@code true}, {@code false} and
 * {@code null} themselves.
 *
 * <p>A recursive-descent parser: one method per kind of value, each starting at the current
 * position and leaving it just past what it read. Errors are {@link JsonDecodeError}s with
 * Python's wording and positions.
 *
 * <p>Where we differ from Python's {@code json.loads}: whole numbers too large for a long become
 * {@code BigInteger} (Python's ints have no limit, so it has nothing to decide); {@code NaN} and
 * {@code Infinity}, which Python accepts by default, are refused as the non-JSON they are; and
 * nesting is limited to {@link #MAX_DEPTH} levels, where Python's limit is its recursion limit
 * and a deeper document raises {@code RecursionError}. Without a limit, a request body of a few
 * hundred kilobytes of {@code [} would overflow the parsing thread's stack.
 */
@JavaOnly("Tornado calls Python's json module; the JDK has no JSON parser")
final class JsonReader {

    /** The deepest nesting of arrays and objects accepted. */
    static final int MAX_DEPTH = 1000;

    private final String doc;
    private int pos;
    private int depth;

    private JsonReader(String doc) {
        this.doc = doc;
    }

    // tag::read[]
    static Object read(String doc) {
        JsonReader r = new JsonReader(doc);
        if (doc.startsWith("\ufeff")) {
            throw new JsonDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", doc, 0);
        }
        r.skipWhitespace();
        Object value = r.value();
        r.skipWhitespace();
        // One value and nothing after it: "[1] [2]" is an error, not the first array.
        if (r.pos != doc.length()) throw r.error("Extra data");
        return value;
    }

    // Any value: the first character says which kind.
    private Object value() {
        if (pos >= doc.length()) throw error("Expecting value");
        char c = doc.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("Expecting value");
        }
    }
    // end::read[]

    private Object literal(String word, Object value) {
        if (!doc.startsWith(word, pos)) throw error("Expecting value");
        pos += word.length();
        return value;
    }

    private Map<String, Object> object() {
        int start = pos;
        enter(start);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            if (peek() != '"') throw error("Expecting property name enclosed in double quotes");
            String key = string();
            skipWhitespace();
            if (peek() != ':') throw error("Expecting ':' delimiter");
            pos++;
            skipWhitespace();
            map.put(key, value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') break;
            if (c != ',') {
                pos--;
                throw error("Expecting ',' delimiter");
            }
            skipWhitespace();
        }
        depth--;
        return map;
    }

    private List<Object> array() {
        enter(pos);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') break;
            if (c != ',') {
                pos--;
                throw error("Expecting ',' delimiter");
            }
            skipWhitespace();
        }
        depth--;
        return list;
    }

    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw new JsonDecodeError("Nesting deeper than " + MAX_DEPTH + " levels", doc, at);
        }
    }

    // A string: everything up to the closing quote, with escapes decoded. Control characters
    // must be escaped (RFC 8259 §7); a raw newline inside a string is an error, as in Python.
    private String string() {
        int start = pos;
        pos++;
        StringBuilder b = null;
        int runStart = pos;
        while (true) {
            if (pos >= doc.length()) throw new JsonDecodeError("Unterminated string starting at", doc, start);
            char c = doc.charAt(pos);
            if (c == '"') {
                // Most strings have no escapes: then the result is one substring, no builder.
                String tail = doc.substring(runStart, pos);
                pos++;
                return b == null ? tail : b.append(tail).toString();
            }
            if (c < 0x20) throw new JsonDecodeError("Invalid control character at", doc, pos);
            if (c != '\\') {
                pos++;
                continue;
            }
            if (b == null) b = new StringBuilder();
            b.append(doc, runStart, pos);
            if (pos + 1 >= doc.length()) throw new JsonDecodeError("Unterminated string starting at", doc, start);
            char e = doc.charAt(pos + 1);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append(hex4(pos));
                    pos += 4;
                }
                default -> throw new JsonDecodeError("Invalid \\escape", doc, pos);
            }
            pos += 2;
            runStart = pos;
        }
    }

    // The four hex digits of a \\u escape starting at `at` (the backslash). Surrogate pairs need
    // no special handling: Java strings are UTF-16, so appending both halves makes the pair.
    private char hex4(int at) {
        // Python reports a bad \\u escape at the 'u'.
        if (at + 6 > doc.length()) throw new JsonDecodeError("Invalid \\uXXXX escape", doc, at + 1);
        int v = 0;
        for (int i = at + 2; i < at + 6; i++) {
            char c = doc.charAt(i);
            // ASCII hex only: Character.digit would also take fullwidth and other Unicode digits.
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) throw new JsonDecodeError("Invalid \\uXXXX escape", doc, at + 1);
            v = v * 16 + d;
        }
        return (char) v;
    }

    // tag::number[]
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? , matched greedily as Python does: "01" is
    // the number 0 followed by extra data, and "1." is 1 followed by a stray '.'.
    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            // A lone '-' (or "-x"): Python reports it as a missing value where the '-' is.
            pos = start;
            throw error("Expecting value");
        }
        boolean integral = true;
        if (peek() == '.' && isDigit(peekAt(pos + 1))) {
            integral = false;
            pos++;
            while (isDigit(peek())) pos++;
        }
        if ((peek() == 'e' || peek() == 'E')) {
            int e = pos + 1;
            if (peekAt(e) == '+' || peekAt(e) == '-') e++;
            if (isDigit(peekAt(e))) {
                integral = false;
                pos = e;
                while (isDigit(peek())) pos++;
            }
        }
        String text = doc.substring(start, pos);
        if (!integral) return Double.parseDouble(text);
        // Up to 18 digits always fit a long; more may not, and then BigInteger keeps them exact.
        if (text.length() <= 18) return Long.parseLong(text);
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    // end::number[]

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return peekAt(pos);
    }

    // The char at i, or NUL past the end: NUL is never valid where we look, so the caller's
    // "is it X?" simply answers no, and the error it then raises points at the end.
    private char peekAt(int i) {
        return i < doc.length() ? doc.charAt(i) : '\0';
    }

    // JSON's whitespace is exactly these four (RFC 8259 §2); a form feed or a non-breaking
    // space is not whitespace but an unexpected character.
    private void skipWhitespace() {
        while (pos < doc.length()) {
            char c = doc.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private JsonDecodeError error(String reason) {
        return new JsonDecodeError(reason, doc, pos);
    }
}
