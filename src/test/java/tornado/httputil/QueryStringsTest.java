package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void repeatedNamesKeepOrder() {
        Map<String, List<String>> q = QueryStrings.parseQs("a=1&b=x+y&a=2");
        assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("x y")), q);
        assertEquals(List.of("a", "b"), new ArrayList<>(q.keySet()));
    }

    @Test
    void blankValuesAreKept() {
        // keep_blank_values=True: "debug" and "x=" both give an empty value.
        assertEquals(Map.of("debug", List.of(""), "x", List.of(""), "", List.of("v")), QueryStrings.parseQs("debug&x=&=v"));
    }

    @Test
    void emptyFieldsAreSkipped() {
        assertEquals(Map.of("a", List.of("1"), "b", List.of("2")), QueryStrings.parseQs("&a=1&&b=2&"));
        assertEquals(Map.of(), QueryStrings.parseQs(""));
        assertEquals(Map.of(), QueryStrings.parseQs("&&&"));
    }

    @Test
    void onlyAmpersandSeparates() {
        assertEquals(Map.of("a", List.of("1;b=2")), QueryStrings.parseQs("a=1;b=2"));
    }

    @Test
    void firstEqualsSplits() {
        assertEquals(Map.of("a", List.of("b=c")), QueryStrings.parseQs("a=b=c"));
    }

    @Test
    void percentDecodingAsUtf8WithMalformedEscapesKept() {
        assertEquals(Map.of("q", List.of("\u20ac 5%", "%zz"), "n\u00e9", List.of("\ufffd")),
                QueryStrings.parseQs("q=%E2%82%AC+5%25&q=%zz&n%C3%A9=%C3"));
        assertEquals(Map.of("a&b", List.of("c=d")), QueryStrings.parseQs("a%26b=c%3Dd"));
    }

    @Test
    void wireBytesWithRawUtf8() {
        // A client sent raw UTF-8 in the URL; the server decoded the request line as ISO-8859-1.
        String fromTheWire = new String("q=caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(Map.of("q", List.of("caf\u00e9")),
                QueryStrings.parseQsBytes(fromTheWire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void window() {
        byte[] b = "xxa=1&b=2yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Map.of("a", List.of("1"), "b", List.of("2")), QueryStrings.parseQsBytes(b, 2, 7));
    }

    @Test
    void urlConcat() {
        assertEquals("http://example.com/foo?c=d", QueryStrings.urlConcat("http://example.com/foo", Map.of("c", "d")));
        assertEquals("http://example.com/foo?a=b&c=d", QueryStrings.urlConcat("http://example.com/foo?a=b", Map.of("c", "d")));
        assertEquals("http://example.com/foo?a=b&c=d&c=d2", QueryStrings.urlConcat("http://example.com/foo?a=b",
                List.of(Map.entry("c", "d"), Map.entry("c", "d2"))));
        assertEquals("/p?c=d", QueryStrings.urlConcat("/p?", Map.of("c", "d")));
        assertEquals("/p?a=1&c=d", QueryStrings.urlConcat("/p?a=1&", Map.of("c", "d")));
        assertEquals("/p?q=a+b%26c#frag", QueryStrings.urlConcat("/p#frag", Map.of("q", "a b&c")));
        assertEquals("/p?a=1&q=x#f?g", QueryStrings.urlConcat("/p?a=1#f?g", Map.of("q", "x")));
        assertEquals("/p", QueryStrings.urlConcat("/p", Map.of()));
        assertEquals("/p", QueryStrings.urlConcat("/p", (Map<String, String>) null));
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("a", "2");
        assertEquals("/p?z=1&a=2", QueryStrings.urlConcat("/p", ordered));
    }
}
