package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCodecTest {

    // Expected values are Python 3's urllib.parse.quote_plus(s) and quote(s).
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a b&c=d/e|a+b%26c%3Dd%2Fe|a%20b%26c%3Dd/e",
            "AZaz09_.-~|AZaz09_.-~|AZaz09_.-~",
            "*+!'()|%2A%2B%21%27%28%29|%2A%2B%21%27%28%29",
            "\u00e9\u20ac|%C3%A9%E2%82%AC|%C3%A9%E2%82%AC",
            "%|%25|%25",
            "\ud83d\ude00|%F0%9F%98%80|%F0%9F%98%80",
    })
    void quoteLikePython(String in, String plus, String noPlus) {
        assertEquals(plus, UrlCodec.quote(in, true));
        assertEquals(noPlus, UrlCodec.quote(in, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a+b%26c|a b&c|a+b&c",
            "%C3%A9|\u00e9|\u00e9",
            "%c3%a9|\u00e9|\u00e9",
            "%zz|%zz|%zz",
            "100%|100%|100%",
            "%4|%4|%4",
            "%%41|%A|%A",
            "\u00e9+|'\u00e9 '|\u00e9+",
            "%FF|\ufffd|\ufffd",
            "%F0%9F%98%80|\ud83d\ude00|\ud83d\ude00",
    })
    void unquoteLikePython(String in, String plus, String noPlus) {
        assertEquals(plus, UrlCodec.unquote(in, true));
        assertEquals(noPlus, UrlCodec.unquote(in, false));
    }

    @Test
    void roundTrips() {
        for (String s : new String[] {"", "plain", "a b+c&d=e/f?g#h", "\u00e9\u00e8 \u4e2d\u6587", "%41", "\ud83d\ude00 x"}) {
            assertEquals(s, UrlCodec.unquote(UrlCodec.quote(s, true), true), s);
            assertEquals(s, UrlCodec.unquote(UrlCodec.quote(s, false), false), s);
        }
    }

    @Test
    void unquoteToBytesKeepsBinary() {
        byte[] in = "x%00%FF%80+".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(new byte[] {'x', 0, (byte) 0xff, (byte) 0x80, ' '}, UrlCodec.unquoteToBytes(in, 0, in.length, true));
        // Within a window: an escape cut by the window's end is not completed from outside it.
        byte[] a41 = "%41".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("%4".getBytes(StandardCharsets.US_ASCII), UrlCodec.unquoteToBytes(a41, 0, 2, true));
        assertArrayEquals("A".getBytes(StandardCharsets.US_ASCII), UrlCodec.unquoteToBytes(a41, 0, 3, true));
    }

    @Test
    void urlencodePairsInOrder() {
        assertEquals("b=2&a=x+y&b=%26", UrlCodec.urlencode(List.of(Map.entry("b", "2"), Map.entry("a", "x y"), Map.entry("b", "&"))));
        assertEquals("", UrlCodec.urlencode(List.of()));
    }
}
