package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyFramingTest {

    private static HTTPHeaders h(String block) {
        return HTTPHeaders.parse(block);
    }

    private static BodyFraming of(String block) {
        return BodyFraming.ofRequest("HTTP/1.1", h(block));
    }

    @Test
    void noHeadersNoBody() {
        BodyFraming f = of("Host: x\r\n");
        assertEquals(BodyFraming.Kind.NONE, f.kind());
        assertFalse(f.hasBody());
    }

    @Test
    void contentLength() {
        BodyFraming f = of("Content-Length: 42\r\n");
        assertEquals(new BodyFraming(BodyFraming.Kind.LENGTH, 42), f);
        assertTrue(f.hasBody());
        BodyFraming zero = of("Content-Length: 0\r\n");
        assertEquals(BodyFraming.Kind.LENGTH, zero.kind());
        assertFalse(zero.hasBody());
    }

    @Test
    void contentLengthRepeatedIdenticallyIsAccepted() {
        assertEquals(7, BodyFraming.parseContentLength(h("Content-Length: 7\r\nContent-Length: 7\r\n")));
        assertEquals(7, BodyFraming.parseContentLength(h("Content-Length: 7, 7,7\r\n")));
        assertEquals(7, BodyFraming.parseContentLength(h("Content-Length: 7 ,\t7\r\n")));
    }

    @Test
    void contentLengthConflictingIsRejected() {
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> BodyFraming.parseContentLength(h("Content-Length: 7\r\nContent-Length: 8\r\n")));
        assertEquals("conflicting Content-Length values '7' and '8'", e.getMessage());
        assertEquals(400, e.code());
        assertThrows(HTTPInputError.class, () -> BodyFraming.parseContentLength(h("Content-Length: 7, 8\r\n")));
        // Same number, written differently: still a request that cannot make up its mind.
        assertThrows(HTTPInputError.class, () -> BodyFraming.parseContentLength(h("Content-Length: 7, 07\r\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+5", "5 5", "0x10", "1e3", "abc", "5.0", "5,", ",5", "5,,5", "\u0665"})
    void contentLengthMustBeDigits(String value) {
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> BodyFraming.parseContentLength(h("Content-Length: " + value + "\r\n")));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().startsWith("invalid Content-Length"), e.getMessage());
    }

    @Test
    void hugeContentLengths() {
        assertEquals(Long.MAX_VALUE, BodyFraming.parseContentLength(h("Content-Length: 9223372036854775807\r\n")));
        assertEquals(5, BodyFraming.parseContentLength(h("Content-Length: 000000000000000000000000000005\r\n")));
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> BodyFraming.parseContentLength(h("Content-Length: 9223372036854775808\r\n")));
        assertEquals("Content-Length '9223372036854775808' is too large; the limit is 9223372036854775807", e.getMessage());
        assertThrows(HTTPInputError.class,
                () -> BodyFraming.parseContentLength(h("Content-Length: 99999999999999999999999999999\r\n")));
    }

    @Test
    void absentContentLengthIsMinusOne() {
        assertEquals(-1, BodyFraming.parseContentLength(new HTTPHeaders()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", " chunked ", "chunked,", ", chunked"})
    void chunked(String value) {
        BodyFraming f = of("Transfer-Encoding: " + value + "\r\n");
        assertEquals(BodyFraming.Kind.CHUNKED, f.kind());
        assertEquals(-1, f.length());
        assertTrue(f.hasBody());
    }

    @Test
    void transferEncodingWithContentLengthIsRefused() {
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> of("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().startsWith("request has both Transfer-Encoding and Content-Length"), e.getMessage());
    }

    @Test
    void transferEncodingOnHttp10IsRefused() {
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> BodyFraming.ofRequest("HTTP/1.0", h("Transfer-Encoding: chunked\r\n")));
        assertEquals(400, e.code());
        assertEquals("Transfer-Encoding in an HTTP/1.0 request; transfer codings need HTTP/1.1", e.getMessage());
        assertEquals(BodyFraming.Kind.CHUNKED, BodyFraming.ofRequest("HTTP/1.2", h("Transfer-Encoding: chunked\r\n")).kind());
    }

    @Test
    void finalCodingNotChunkedIs400() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: gzip\r\n"));
        assertEquals(400, e.code());
        assertEquals("final transfer coding is 'gzip', not chunked: the end of the body cannot be determined", e.getMessage());
        assertEquals(400, assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: chunked, gzip\r\n")).code());
        assertEquals(400, assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: chunked;q=1\r\n")).code());
        assertEquals(400, assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: identity\r\n")).code());
    }

    @Test
    void chunkedTwiceIs400() {
        // The Pound/Tornado 6.3 case: two header lines, each saying chunked.
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> of("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"));
        assertEquals(400, e.code());
        assertEquals("Transfer-Encoding applies chunked more than once", e.getMessage());
        assertEquals(400, assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: chunked, chunked\r\n")).code());
    }

    @Test
    void unknownCodingBeforeChunkedIs501() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: gzip, chunked\r\n"));
        assertEquals(501, e.code());
        assertEquals("transfer coding 'gzip' is not implemented; only chunked is", e.getMessage());
        assertEquals(501, assertThrows(HTTPInputError.class,
                () -> of("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n")).code());
    }

    @Test
    void emptyTransferEncodingIs400() {
        assertEquals("empty Transfer-Encoding header",
                assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: \r\n")).getMessage());
        assertThrows(HTTPInputError.class, () -> of("Transfer-Encoding: ,\r\n"));
    }
}
