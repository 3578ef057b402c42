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
        assertEquals("'\u00e9'", HTTPInputError.quote("\u00e9"));
        // C1 controls: 0x85 is NEL, a line break to some log viewers.
        assertEquals("'a\\x80\\x85\\x9f\u00a0'", HTTPInputError.quote("a\u0080\u0085\u009f\u00a0"));
    }
}
