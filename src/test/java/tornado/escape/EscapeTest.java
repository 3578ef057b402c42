package tornado.escape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Expected values were checked against Tornado 6.5's escape module, except where a comment says
// the rule is Tornado 2.4 to 6.3's.
class EscapeTest {

    @Test
    void xhtmlEscapeLikeTornado6() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;amp;&lt;/a&gt;",
                Escape.xhtmlEscape("<a href=\"x\" title='y'>&amp;</a>"));
        assertEquals("caf\u00e9 \u20ac", Escape.xhtmlEscape("caf\u00e9 \u20ac"));
    }

    @Test
    void xhtmlEscapeReturnsTheSameStringWhenNothingToEscape() {
        String plain = "nothing to escape here";
        assertSame(plain, Escape.xhtmlEscape(plain));
        assertEquals("", Escape.xhtmlEscape(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "&amp;&lt;&gt;&quot;&#39;&#x27;|&<>\"''",
            "&eacute;&#233;&#xE9;&#XE9;|\u00e9\u00e9\u00e9\u00e9",
            "&AElig;&euro;&nbsp;|\u00c6\u20ac\u00a0",
            "&#0000000065;|A",
            "&#128512;&#x1F600;|\ud83d\ude00\ud83d\ude00",
            "&&amp;|&&",
            "&#38;amp;|&amp;",
            "a & b ; c|a & b ; c",
            "no entities|no entities",
            // Tornado 2.4 to 6.3 (6.4 switched to HTML5's html.unescape):
            "&amp|&amp",
            "&apos;|&apos;",
            "&nosuch;|&nosuch;",
            "&#;|&#;",
            "&#x;|&#x;",
            "&#1114112;|&#1114112;",
            "&#x110000;|&#x110000;",
            "&#99999999999999999999;|&#99999999999999999999;",
            "&#\u0663;|&#\u0663;",
            "&#1_0;|&#1_0;",
    })
    void xhtmlUnescape(String in, String out) {
        assertEquals(out, Escape.xhtmlUnescape(in));
    }

    @Test
    void xhtmlRoundTrip() {
        for (String s : new String[] {"", "<script>alert('x')</script>", "a&b\"c'd<e>f", "&amp;", "\u00e9\ud83d\ude00"}) {
            assertEquals(s, Escape.xhtmlUnescape(Escape.xhtmlEscape(s)), s);
        }
    }

    @Test
    void entityTableIsHtml4s() {
        assertEquals(252, HtmlEntities.size());
        assertEquals("\u2665", HtmlEntities.lookup("hearts"));
        assertNull(HtmlEntities.lookup("apos"));
    }

    @Test
    void urlEscapeWithAndWithoutPlus() {
        assertEquals("a+b%2Fc%2Bd", Escape.urlEscape("a b/c+d"));
        assertEquals("a%20b/c%2Bd", Escape.urlEscape("a b/c+d", false));
        assertEquals("%C3%A9", Escape.urlEscape("\u00e9"));
    }

    @Test
    void urlUnescapeWithAndWithoutPlus() {
        assertEquals("a b/c%zz", Escape.urlUnescape("a+b%2Fc%zz"));
        assertEquals("a+b/c", Escape.urlUnescape("a+b%2Fc", false));
        assertArrayEquals(new byte[] {(byte) 0xff, ' '}, Escape.urlUnescapeToBytes("%FF+", true));
        assertArrayEquals(new byte[] {(byte) 0xff, '+'}, Escape.urlUnescapeToBytes("%FF+", false));
    }

    @Test
    void urlRoundTrip() {
        for (String s : new String[] {"", "a b+c/d?e=f&g#h", "\u00e9\u20ac\ud83d\ude00", "100%"}) {
            assertEquals(s, Escape.urlUnescape(Escape.urlEscape(s)), s);
            assertEquals(s, Escape.urlUnescape(Escape.urlEscape(s, false), false), s);
        }
    }

    @Test
    void utf8AndBack() {
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9}, Escape.utf8("\u00e9"));
        assertEquals("\u00e9\ud83d\ude00", Escape.toUnicode(Escape.utf8("\u00e9\ud83d\ude00")));
        assertNull(Escape.utf8(null));
        assertNull(Escape.toUnicode(null));
    }

    @Test
    void toUnicodeIsStrict() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Escape.toUnicode(new byte[] {'a', 'b', (byte) 0xff, 'c'}));
        assertEquals("invalid UTF-8 at byte 2 (0xff)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Escape.toUnicode(new byte[] {(byte) 0xc3}));
        // An encoded surrogate (CESU-8) is not UTF-8.
        assertThrows(IllegalArgumentException.class,
                () -> Escape.toUnicode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }

    @Test
    void squeeze() {
        assertEquals("a b", Escape.squeeze(" \u0000 a \t\n b\u00a0 "));
        assertEquals("x y z", Escape.squeeze("x\r\ny   z"));
        assertEquals("", Escape.squeeze(" \t\n"));
        assertEquals("a\u00a0b", Escape.squeeze("a\u00a0b"));
    }

    @Test
    void jsonDecodeBytes() {
        assertEquals(java.util.Map.of("k", "\u00e9"), Escape.jsonDecode("{\"k\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Escape.jsonDecode(new byte[] {'"', (byte) 0xff, '"'}));
    }
}
