package tornado.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for trace lines: quoting a string, and reading back one flat object of
 * strings and integers. Chapter 5's {@code escape} has the general encoder and decoder; the trace
 * sits below every chapter and so cannot borrow it, and a flat object is all it ever writes.
 */
@JavaOnly("the trace sits below escape's JSON, so it carries the little JSON it needs")
final class Json {
    private Json() {}

    static void quote(String s, StringBuilder b) {
        if (s == null) { b.append("null"); return; }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }

    /** Parses {@code {"k":"v","n":1,...}}: strings, whole numbers and null, nothing nested. */
    static Map<String, Object> parseFlatObject(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        int[] pos = {skip(s, 0)};
        expect(s, pos, '{');
        while (true) {
            pos[0] = skip(s, pos[0]);
            if (s.charAt(pos[0]) == '}') break;
            String key = readString(s, pos);
            pos[0] = skip(s, pos[0]);
            expect(s, pos, ':');
            pos[0] = skip(s, pos[0]);
            char c = s.charAt(pos[0]);
            Object value;
            if (c == '"') value = readString(s, pos);
            else if (s.startsWith("null", pos[0])) { value = null; pos[0] += 4; }
            else {
                int start = pos[0];
                while (pos[0] < s.length() && "-0123456789".indexOf(s.charAt(pos[0])) >= 0) pos[0]++;
                value = Long.parseLong(s.substring(start, pos[0]));
            }
            out.put(key, value);
            pos[0] = skip(s, pos[0]);
            if (s.charAt(pos[0]) == ',') pos[0]++;
        }
        return out;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0] + " in trace line: " + s);
        }
        pos[0]++;
    }

    private static String readString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            char e = s.charAt(pos[0]++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> { b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16)); pos[0] += 4; }
                default -> b.append(e);
            }
        }
    }
}
