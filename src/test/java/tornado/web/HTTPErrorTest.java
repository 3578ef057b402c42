package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HTTPErrorTest {

    /**
     * A log message's arguments come from the request: a newline in one (a static path with
     * %0a in it) is shown escaped, so it cannot start a forged line of the log.
     */
    @Test
    void theLogMessageShowsTheControlsOfItsArgumentsEscaped() {
        HTTPError e = new HTTPError(403, "%s is not in root static directory", "../x\n[S 261204 03:00:00 tornado.application] FORGED\r\u0085");
        assertEquals("../x\\n[S 261204 03:00:00 tornado.application] FORGED\\r\\x85 is not in root static directory", e.logMessage());
        assertEquals("HTTP 403: Forbidden (../x\\n[S 261204 03:00:00 tornado.application] FORGED\\r\\x85 is not in root static directory)",
                e.getMessage());
        assertEquals("count 3", new HTTPError(400, "count %d", 3).logMessage());
        // A backslash the client sent is doubled, so it cannot pass for an escape; any object is shown so.
        assertEquals("a\\\\n and x\\ny", new HTTPError(400, "%s and %s", "a\\n", java.nio.file.Path.of("x\ny")).logMessage());
    }
}
