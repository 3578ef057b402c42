package tornado.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

// Expected values are Tornado 6.5's linkify output for the same text.
class LinkifyTest {

    @Test
    void linksHttpAndWwwAndLeavesTheRestEscaped() {
        assertEquals("see <a href=\"http://www.x.org\">www.x.org</a> and <a href=\"http://example.com/a\">http://example.com/a</a>"
                        + ".(b) (<a href=\"http://x.org/a\">http://x.org/a</a>.) javascript:alert(1) ftp://f.org &lt;b&gt;&amp;",
                Escape.linkify("see www.x.org and http://example.com/a.(b) (http://x.org/a.) javascript:alert(1) ftp://f.org <b>&"));
    }

    @Test
    void parenthesesAndAmpersands() {
        assertEquals("<a href=\"http://en.wikipedia.org/wiki/Tornado_(web_server)?a=1&amp;b=2\">"
                        + "http://en.wikipedia.org/wiki/Tornado_(web_server)?a=1&amp;b=2</a> mailto:a@b.c",
                Escape.linkify("http://en.wikipedia.org/wiki/Tornado_(web_server)?a=1&b=2 mailto:a@b.c"));
    }

    @Test
    void options() {
        assertEquals("www.x.org", Linkify.linkify("www.x.org", true, List.of("http", "https"), ""));
        assertEquals("<a href=\"http://x.org\" rel=\"nofollow\">http://x.org</a>",
                Linkify.linkify("http://x.org", false, List.of("http", "https"), " rel=\"nofollow\" "));
        assertEquals("<a href=\"ftp://f.org\">ftp://f.org</a>", Linkify.linkify("ftp://f.org", false, List.of("ftp"), null));
    }

    @Test
    void nonAsciiUrls() {
        assertEquals("x <a href=\"https://ex\u00e4mple.com/p\u00e4th\">https://ex\u00e4mple.com/p\u00e4th</a> y",
                Escape.linkify("x https://ex\u00e4mple.com/p\u00e4th y"));
    }

    @Test
    void attributeBreakoutIsEscaped() {
        assertEquals("<a href=\"http://x.org/&quot;onmouseover=&quot;alert(1)\">http://x.org/&quot;onmouseover=&quot;alert(1)</a>",
                Escape.linkify("http://x.org/\"onmouseover=\"alert(1)"));
    }
}
