package tornado.escape;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tornado.trace.JavaOnly;

/**
 * Writes Java values as JSON text, byte for byte the way Python's {@code json.dumps} does with its
 * defaults, which is what Tornado's {@code json_encode} calls.
 *
 * <p>Matching Python, not merely producing valid JSON, is the point: a response body, a test's
 * expected string, or a signed cookie value should be the same text whether Tornado or this book's
 * server wrote it. Python's defaults are: {@code ", "} and {@code ": "} as separators, every
 * character outside printable ASCII as a {@code \}{@code uXXXX} escape ({@code ensure_ascii}),
 * floats in Python's shortest {@code repr} ({@code 1e+16}, {@code 0.1}, {@code 100.0}).
 *
 * <p>What is accepted: {@code null}, {@code Boolean}, {@code String} and {@code Character}, the
 * integer types (including {@code BigInteger}), {@code Float}, {@code Double} and
 * {@code BigDecimal}, {@code Map}s whose keys are strings (or numbers, booleans or null, which
 * become strings, as in Python), {@code Collection}s, and arrays. Anything else is refused, as
 * Python refuses an object it does not know; so are NaN and the infinities, which Python writes
 * as the non-JSON words {@code NaN} and {@code Infinity} and no other JSON parser reads.
 */
@JavaOnly("Tornado calls Python's json module; the JDK has no JSON encoder")
final class JsonWriter {
    private JsonWriter() {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, new IdentityHashMap<>());
        return out.toString();
    }

    // `path` holds the containers we are inside of, by identity: meeting one of them again means
    // the structure contains itself, and writing it would never end (Python: "Circular
    // reference detected").
    private static void write(Object value, StringBuilder out, IdentityHashMap<Object, Boolean> path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Character c) {
            quote(c.toString(), out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof AtomicInteger
                || value instanceof AtomicLong) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(pythonFloat(d));
        } else if (value instanceof Float f) {
            // Through Float.toString, so 0.1f is written 0.1 and not 0.10000000149011612.
            out.append(pythonFloat(Double.parseDouble(Float.toString(f))));
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Map<?, ?> map) {
            enter(value, path);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) out.append(", ");
                first = false;
                quote(key(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, path);
            }
            out.append('}');
            path.remove(value);
        } else if (value instanceof Collection<?> list) {
            enter(value, path);
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) out.append(", ");
                first = false;
                write(item, out, path);
            }
            out.append(']');
            path.remove(value);
        } else if (value.getClass().isArray()) {
            enter(value, path);
            out.append('[');
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                if (i > 0) out.append(", ");
                write(Array.get(value, i), out, path);
            }
            out.append(']');
            path.remove(value);
        } else {
            throw new IllegalArgumentException("Object of type " + value.getClass().getName()
                    + " is not JSON serializable");
        }
    }

    private static void enter(Object container, IdentityHashMap<Object, Boolean> path) {
        if (path.put(container, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("Circular reference detected");
        }
    }

    // Python converts these key types to strings; anything else is an error there too.
    private static String key(Object k) {
        if (k instanceof String s) return s;
        if (k == null) return "null";
        if (k instanceof Boolean b) return b ? "true" : "false";
        if (k instanceof Double || k instanceof Float) return pythonFloat(((Number) k).doubleValue());
        if (k instanceof Number || k instanceof Character) return k.toString();
        throw new IllegalArgumentException("keys must be str, int, float, bool or None, not "
                + k.getClass().getName());
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // A JSON string with ensure_ascii: the printable ASCII characters as they are, the five
    // short escapes, and everything else (controls, DEL, every non-ASCII char) as \\uXXXX in
    // lower-case hex. Characters outside the BMP are already two UTF-16 chars in a Java string,
    // and come out as the surrogate pair of escapes Python writes.
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    }
                }
            }
        }
        out.append('"');
    }

    // tag::python-float[]
    /**
     * A double the way Python's {@code repr} writes it: the shortest digits that read back as
     * the same double (Java's {@code Double.toString} finds the same digits since JDK 19), in
     * plain notation with at least one decimal ({@code 100.0}, {@code 0.0001}) when the decimal
     * exponent is from -4 to 15, otherwise in scientific notation with a signed two-digit
     * exponent ({@code 1e+16}, {@code 1.5e-05}).
     */
    static String pythonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("Out of range float values are not JSON compliant: " + d);
        }
        if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        // Java never prints fewer than two digits, and when one would do it may print a closer
        // two ("4.9E-324" for the smallest double, where Python's repr is "5e-324"). So when
        // Java gave two digits, try the nearest single digit, and keep it if it reads back as
        // the same double.
        if (exact.precision() == 2) {
            BigDecimal one = exact.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == d) exact = one.stripTrailingZeros();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
    // end::python-float[]
}
