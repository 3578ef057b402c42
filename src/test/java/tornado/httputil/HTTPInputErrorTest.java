package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HTTPInputErrorTest {

    @Test
    void defaultCodeIs400() {
        assertEquals(400, new HTTPInputError("x").code());
        assertEquals(505, new HTTPInputError(505, "x").code());
    }

    @Test
    void quoteShowsControlsAndCuts() {
        assertEquals("'a\\r\\n\\t\\x00\\x7f\\'\\\\'", HTTPInputError.quote("a\r\n\t\0\u007f'\\"));
        assertEquals("'" + "x".repeat(60) + "...'", HTTPInputError.quote("x".repeat(61)));
        assertEquals("'" + "x".repeat(60) + "'", HTTPInputError.quote("x".repeat(60)));
        // Every byte from 0x7F up as itself: the C1 controls (0x85 is NEL, a line break to some
        // log viewers) and the bytes of UTF-8, here "é" as a client sends it, read as ISO-8859-1.
        assertEquals("'a\\x80\\x85\\x9f\\xa0'", HTTPInputError.quote("a\u0080\u0085\u009f\u00a0"));
        assertEquals("'/\\xc3\\xa9'", HTTPInputError.quote("/\u00c3\u00a9"));
    }
}
