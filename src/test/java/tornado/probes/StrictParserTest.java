package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.httputil.ChunkedEncoding;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.HTTPInputError;
import tornado.httputil.RequestStartLine;
import tornado.testing.OnBothConnections;
import tornado.web.Application;
import tornado.web.RequestHandler;

/**
 * The stricter parser of issue 9, rule by rule: httputil's functions on their own, then the
 * connection that uses them, on the wire. (The one-line refusals are rows of BadInputTest's table.)
 */
class StrictParserTest extends OnBothConnections {
    @Test
    void parseStrictRefusesABareLfAndAnObsFoldButTakesCrlfLines() {
        HTTPHeaders h = HTTPHeaders.parseStrict("\r\nHost: a\r\nX: b\r\n\r\n");
        assertEquals("a", h.get("Host"));
        assertEquals("b", h.get("X"));
        HTTPInputError lf = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parseStrict("\r\nHost: a\nX: b\r\n\r\n"));
        assertEquals(400, lf.code());
        assertTrue(lf.getMessage().contains("bare LF"), lf.getMessage());
        HTTPInputError fold = assertThrows(HTTPInputError.class,
                () -> HTTPHeaders.parseStrict("\r\nTransfer-Encoding:\r\n chunked\r\n\r\n"));
        assertTrue(fold.getMessage().contains("obsolete line folding"), fold.getMessage());
        // The lenient parse, Tornado's, is unchanged (multipart part headers use it).
        assertEquals("chunked", HTTPHeaders.parse("Transfer-Encoding:\r\n chunked\r\n").get("Transfer-Encoding").strip());
    }

    @Test
    void onlyWholeCrlfPairsMayPrecedeTheRequestLine() {
        assertEquals(0, RequestStartLine.skipEmptyLines("GET / HTTP/1.1\r\n"));
        assertEquals(4, RequestStartLine.skipEmptyLines("\r\n\r\nGET / HTTP/1.1\r\n"));
        assertThrows(HTTPInputError.class, () -> RequestStartLine.skipEmptyLines("\r\rGET / HTTP/1.1\r\n"));
        assertThrows(HTTPInputError.class, () -> RequestStartLine.skipEmptyLines("\r\n\nGET / HTTP/1.1\r\n"));
    }

    @Test
    void trailersFollowTheHeaderRulesAndFramingFieldsAreDropped() {
        HTTPHeaders t = ChunkedEncoding.parseTrailer("X-Checksum: abc\r\nContent-Length: 99\r\nTransfer-Encoding: gzip\r\n");
        assertEquals("abc", t.get("X-Checksum"));
        assertFalse(t.contains("Content-Length"));
        assertFalse(t.contains("Transfer-Encoding"));
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseTrailer("NoColon\r\n"));
    }

    @Test
    void framingFieldsInATrailerChangeNothing() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n"
                    + "Content-Length: 1\r\nX-Checksum: 1\r\n\r\n" + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("POST /t 3 abc", w.read().text());
            assertEquals("GET /next 0 ", w.read().text());
        }
    }

    @Test
    void anInvalidAuthorityIsRefusedBefore100Continue() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST http://example.com:99999/ HTTP/1.1\r\nHost: example.com:99999\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 5\r\n\r\n");
            Wire.Resp r = w.read();
            assertEquals(400, r.status(), "no 100 Continue first: " + r);
            assertTrue(r.text().contains("99999"), r.text());
        }
    }

    /** Reflects the request's X-In header into the response's X-Out. */
    public static class Reflect extends RequestHandler {
        @Override
        public void get(String... args) {
            setHeader("X-Out", request().headers().get("X-In"));
            finish("ok");
        }
    }

    @Test
    void aLatin1ByteAHandlerReflectsIsWrittenAsThatByte() throws Exception {
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/", Reflect.class)))); Wire w = f.connect()) {
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes("GET / HTTP/1.1\r\nHost: a\r\nX-In: caf".getBytes(StandardCharsets.US_ASCII));
            req.write(0xE9); // é in Latin-1: one byte
            req.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            w.send(req.toByteArray());
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            // Wire decodes header lines as Latin-1: one char per byte, so U+00E9 here is byte E9.
            assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xE9}, r.header("X-Out").getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
