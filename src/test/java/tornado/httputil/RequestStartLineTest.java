package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestStartLineTest {

    @Test
    void parsesTheSeedsRequest() {
        RequestStartLine r = RequestStartLine.parse("GET /foo?x=1 HTTP/1.1");
        assertEquals(new RequestStartLine("GET", "/foo?x=1", "HTTP/1.1"), r);
        assertTrue(r.supportsHttp11());
        assertFalse(RequestStartLine.parse("POST / HTTP/1.0").supportsHttp11());
    }

    @Test
    void otherTargetsAndMethods() {
        assertEquals("*", RequestStartLine.parse("OPTIONS * HTTP/1.1").path());
        assertEquals("http://example.com/a", RequestStartLine.parse("GET http://example.com/a HTTP/1.1").path());
        assertEquals("example.com:443", RequestStartLine.parse("CONNECT example.com:443 HTTP/1.1").path());
        assertEquals("M-SEARCH", RequestStartLine.parse("M-SEARCH * HTTP/1.1").method());
        // Raw bytes above 0x7F, as the ISO-8859-1 decoding of a raw UTF-8 path gives them.
        assertEquals("/caf\u00c3\u00a9", RequestStartLine.parse("GET /caf\u00c3\u00a9 HTTP/1.1").path());
    }

    @Test
    void laterMinorVersionIsHttp11() {
        RequestStartLine r = RequestStartLine.parse("GET / HTTP/1.2");
        assertEquals("HTTP/1.2", r.version());
        assertTrue(r.supportsHttp11());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "GET", "", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1",
            "GET / HTTP/1.1 ", " GET / HTTP/1.1", "GET\t/ HTTP/1.1"})
    void wrongNumberOfPartsIs400(String line) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse(line));
        assertEquals(400, e.code());
    }

    @Test
    void messagesSayWhatWasWrong() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET /"));
        assertEquals("malformed HTTP request line 'GET /': expected METHOD SP TARGET SP VERSION", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GE(T / HTTP/1.1"));
        assertEquals("malformed HTTP method 'GE(T' in request line 'GE(T / HTTP/1.1': a method is a token", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET /a\u0000b HTTP/1.1"));
        assertEquals("control character in request target '/a\\x00b'", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET / HTTP/1.1x"));
        assertEquals("malformed HTTP version 'HTTP/1.1x' in request line: expected HTTP/1.1 or HTTP/1.0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/11", "http/1.1", "HTTP/1.", "HTTP/1.10", "HTTP/a.b", "HTTPS/1.1", "HTTP/1,1", "1.1"})
    void malformedVersionIs400(String version) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET / " + version));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().startsWith("malformed HTTP version"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.1", "HTTP/0.9", "HTTP/9.9"})
    void wellFormedButUnsupportedVersionIs505(String version) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET / " + version));
        assertEquals(505, e.code());
        assertEquals("unsupported HTTP version " + version + ": this server speaks HTTP/1.0 and HTTP/1.1", e.getMessage());
    }

    @Test
    void methodIsCaseSensitiveButAnyTokenParses() {
        assertEquals("get", RequestStartLine.parse("get / HTTP/1.1").method());
        assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("G\u00c9T / HTTP/1.1"));
    }
}
