package tornado.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Expected encodings are Tornado 6.5's json_encode output for the same values.
class JsonTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void encodesLikePython() {
        assertEquals("{\"a\": 1, \"b\": [1, 2.5, null, true, false]}",
                Escape.jsonEncode(map("a", 1, "b", Arrays.asList(1, 2.5, null, true, false))));
        assertEquals("[]", Escape.jsonEncode(List.of()));
        assertEquals("{}", Escape.jsonEncode(Map.of()));
        assertEquals("null", Escape.jsonEncode(null));
        assertEquals("\"x\"", Escape.jsonEncode('x'));
        assertEquals("1180591620717411303424", Escape.jsonEncode(BigInteger.TWO.pow(70)));
        assertEquals("[1, 2, 3]", Escape.jsonEncode(new int[] {1, 2, 3}));
        assertEquals("[\"a\", null]", Escape.jsonEncode(new String[] {"a", null}));
        assertEquals("0.1", Escape.jsonEncode(0.1f));
        assertEquals("1.50", Escape.jsonEncode(new BigDecimal("1.50")));
    }

    @Test
    void scriptTagCannotBeClosedFromInsideAString() {
        assertEquals("\"<\\/script>\"", Escape.jsonEncode("</script>"));
        assertEquals("{\"html\": \"<b>x<\\/b>\"}", Escape.jsonEncode(map("html", "<b>x</b>")));
    }

    @Test
    void stringsAreAsciiWithPythonEscapes() {
        assertEquals("\"\\u00e9\\u20ac\\ud83d\\ude00\\u0000\\u001f\\u007f\\\"\\\\/\\b\\f\\n\\r\\t\"",
                Escape.jsonEncode("\u00e9\u20ac\ud83d\ude00\u0000\u001f\u007f\"\\/\b\f\n\r\t"));
    }

    @ParameterizedTest
    @CsvSource({
            "1e16, 1e+16", "1e15, 1000000000000000.0", "123456789.0, 123456789.0", "0.1, 0.1",
            "1e-5, 1e-05", "0.0001, 0.0001", "-0.0, -0.0", "0.0, 0.0", "1.5e300, 1.5e+300", "100.0, 100.0",
            "1e22, 1e+22", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
            "12345678901234567.0, 1.2345678901234568e+16", "1e23, 1e+23", "2e-323, 2e-323", "9.4e-323, 9.4e-323", "-2.5, -2.5", "-1e-7, -1e-07", "1e100, 1e+100",
            "9999999999999998.0, 9999999999999998.0", "0.5, 0.5", "3.0e-4, 0.0003"
    })
    void floatsLikePythonRepr(double d, String expected) {
        assertEquals(expected, Escape.jsonEncode(d));
    }

    @Test
    void floatsMatchPythonReprOnThousandsOfDoubles() throws Exception {
        // Random doubles of every kind (subnormals, huge, integral, everyday) with CPython's
        // repr of each, generated once; see the file's header.
        try (var in = JsonTest.class.getResourceAsStream("python-float-repr.txt")) {
            int checked = 0;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                int space = line.indexOf(' ');
                double d = Double.longBitsToDouble(Long.parseLong(line.substring(0, space)));
                assertEquals(line.substring(space + 1), Escape.jsonEncode(d), line);
                checked++;
            }
            assertTrue(checked > 4000, "only " + checked);
        }
    }

    @Test
    void nonStringKeysBecomeStringsAsInPython() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1, 3);
        m.put(null, 4);
        m.put(1.5, 5);
        m.put(true, 6);
        assertEquals("{\"1\": 3, \"null\": 4, \"1.5\": 5, \"true\": 6}", Escape.jsonEncode(m));
        Map<Object, Object> bad = Map.of(List.of(1), 2);
        assertEquals("keys must be str, int, float, bool or None, not java.util.ImmutableCollections$List12",
                assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(bad)).getMessage());
    }

    @Test
    void refusals() {
        assertEquals("Object of type java.lang.Object is not JSON serializable",
                assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(new Object())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(List.of(Double.POSITIVE_INFINITY)));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertEquals("Circular reference detected",
                assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(self)).getMessage());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("me", List.of(m));
        assertThrows(IllegalArgumentException.class, () -> Escape.jsonEncode(m));
    }

    @Test
    void sharedButNotCircularIsFine() {
        List<Integer> shared = List.of(1);
        assertEquals("[[1], [1]]", Escape.jsonEncode(List.of(shared, shared)));
    }

    @Test
    void decodesEveryKind() {
        Object v = Escape.jsonDecode(" {\"a\": [1, -2.5e1, \"s\", true, false, null, {}, []], \"b\": {\"c\": 0}} ");
        Map<String, Object> expected = map("a", Arrays.asList(1L, -25.0, "s", true, false, null, Map.of(), List.of()),
                "b", map("c", 0L));
        assertEquals(expected, v);
        assertInstanceOf(LinkedHashMap.class, v);
        assertNull(Escape.jsonDecode("null"));
        assertEquals("x", Escape.jsonDecode("\"x\""));
        assertEquals(0L, Escape.jsonDecode("0"));
        assertEquals(-0.0, Escape.jsonDecode("-0.0"));
        assertEquals(Double.POSITIVE_INFINITY, Escape.jsonDecode("1e400"));
    }

    @Test
    void integersBeyondLongBecomeBigInteger() {
        assertEquals(Long.MAX_VALUE, Escape.jsonDecode("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Escape.jsonDecode("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), Escape.jsonDecode("9223372036854775808"));
        assertEquals(new BigInteger("-123456789012345678901234567890"), Escape.jsonDecode("-123456789012345678901234567890"));
        assertEquals(123456789012345678L, Escape.jsonDecode("123456789012345678"));
    }

    @Test
    void keyOrderAndDuplicates() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Escape.jsonDecode("{\"z\": 1, \"a\": 2, \"z\": 3}");
        assertEquals(List.of("z", "a"), new ArrayList<>(m.keySet()));
        assertEquals(3L, m.get("z"));
    }

    @Test
    void stringEscapes() {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00", Escape.jsonDecode("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
        assertEquals("\ud800", Escape.jsonDecode("\"\\ud800\""));
        assertEquals("raw \u00e9 \ud83d\ude00", Escape.jsonDecode("\"raw \u00e9 \ud83d\ude00\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // Python 3.12's json.loads messages, positions and all.
            "``|Expecting value: line 1 column 1 (char 0)",
            "`   `|Expecting value: line 1 column 4 (char 3)",
            "[1, 2|Expecting ',' delimiter: line 1 column 6 (char 5)",
            "[1 2]|Expecting ',' delimiter: line 1 column 4 (char 3)",
            "[1,]|Expecting value: line 1 column 4 (char 3)",
            "{\"a\" 1}|Expecting ':' delimiter: line 1 column 6 (char 5)",
            "{\"a\": 1,}|Expecting property name enclosed in double quotes: line 1 column 9 (char 8)",
            "{'a': 1}|Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            "{\"a\": 1 \"b\": 2}|Expecting ',' delimiter: line 1 column 9 (char 8)",
            "[1] [2]|Extra data: line 1 column 5 (char 4)",
            "01|Extra data: line 1 column 2 (char 1)",
            "1.|Extra data: line 1 column 2 (char 1)",
            "-|Expecting value: line 1 column 1 (char 0)",
            "tru|Expecting value: line 1 column 1 (char 0)",
            "NaN|Expecting value: line 1 column 1 (char 0)",
            "Infinity|Expecting value: line 1 column 1 (char 0)",
            "\"abc|Unterminated string starting at: line 1 column 1 (char 0)",
            "\"a\\qb\"|Invalid \\escape: line 1 column 3 (char 2)",
            "\"\\u12G4\"|Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            "\"\\u12\"|Invalid \\uXXXX escape: line 1 column 3 (char 2)",
    })
    void errorsSayWhatAndWhere(String json, String message) {
        JsonDecodeError e = assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void positionsCountLines() {
        assertEquals("Expecting value: line 3 column 3 (char 9)",
                assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("[\n  1,\n  x]")).getMessage());
    }

    @Test
    void controlCharacterInsideAString() {
        JsonDecodeError e = assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("\"a\nb\""));
        assertEquals("Invalid control character at: line 1 column 3 (char 2)", e.getMessage());
        assertEquals("Invalid control character at", e.reason());
        assertEquals(2, e.position());
        assertEquals(1, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void byteOrderMarkIsRefused() {
        assertTrue(assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("\ufeff[]")).getMessage()
                .startsWith("Unexpected UTF-8 BOM"));
    }

    @Test
    void onlyJsonWhitespace() {
        assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("\f[]"));
        assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("[]\u00a0"));
        assertEquals(List.of(), Escape.jsonDecode("\t\r\n []\n"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        assertEquals(1L, unwrap(Escape.jsonDecode("[".repeat(1000) + "1" + "]".repeat(1000)), 1000));
        String deep = "[".repeat(200_000);
        JsonDecodeError e = assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode(deep));
        assertEquals("Nesting deeper than 1000 levels: line 1 column 1001 (char 1000)", e.getMessage());
        assertThrows(JsonDecodeError.class, () -> Escape.jsonDecode("{\"a\":".repeat(1001) + "1" + "}".repeat(1001)));
    }

    private static Object unwrap(Object v, int levels) {
        for (int i = 0; i < levels; i++) v = ((List<?>) v).get(0);
        return v;
    }

    @Test
    void roundTrips() {
        Map<String, Object> value = map("s", "\u00e9</script>\n\"q\"", "n", 42L, "f", 0.1, "big", new BigInteger("123456789012345678901234567890"),
                "list", Arrays.asList(1L, null, true, List.of(), map("k", "v")), "nested", map("a", map("b", map("c", -1L))));
        String encoded = Escape.jsonEncode(value);
        assertEquals(value, Escape.jsonDecode(encoded));
        assertEquals(encoded, Escape.jsonEncode(Escape.jsonDecode(encoded)));
    }

    @Test
    void longStringsAreFast() {
        String big = "\"" + "x".repeat(5_000_000) + "\"";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(5_000_000, ((String) Escape.jsonDecode(big)).length()));
    }
}
