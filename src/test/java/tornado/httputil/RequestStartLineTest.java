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
        // Every visible ASCII character passes; which of them a path may hold is RFC 3986's
        // business and the router's, not the start line's.
        String visible = "/!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~";
        assertEquals(visible, RequestStartLine.parse("GET " + visible + " HTTP/1.1").path());
        assertEquals("/caf%C3%A9", RequestStartLine.parse("GET /caf%C3%A9 HTTP/1.1").path());
    }

    /**
     * Bytes that are not visible ASCII, as the connection's ISO-8859-1 decoding hands them over:
     * controls, DEL, and everything from 0x80 (here the two bytes of a raw UTF-8 'é', and 0xFF).
     */
    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\t', '\u001f', '\u007f', '\u0080', '\u0085', '\u00c3', '\u00a9', '\u00ff'})
    void bytesOutsideVisibleAsciiInTheTargetAre400(char c) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET /a" + c + "b HTTP/1.1"));
        assertEquals(400, e.code());
        String hex = String.format("%02X", (int) c);
        assertTrue(e.getMessage().contains("holds byte 0x" + hex + ", which is not visible ASCII"), e.getMessage());
        assertTrue(e.getMessage().endsWith("send it percent-encoded, as %" + hex + " (RFC 3986)"), e.getMessage());
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
        assertEquals("request target '/a\\x00b' holds byte 0x00, which is not visible ASCII: "
                + "send it percent-encoded, as %00 (RFC 3986)", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> RequestStartLine.parse("GET /caf\u00c3\u00a9 HTTP/1.1"));
        assertEquals("request target '/caf\\xc3\\xa9' holds byte 0xC3, which is not visible ASCII: "
                + "send it percent-encoded, as %C3 (RFC 3986)", e.getMessage());
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
