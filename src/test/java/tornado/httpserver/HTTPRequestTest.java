package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tornado.httputil.HTTPHeaders;

/** HTTPRequest's own logic: URI halves, defaults, cookies, X-headers, IP literals. */
class HTTPRequestTest {

    private static HTTPHeaders headers(String... nameValues) {
        HTTPHeaders h = new HTTPHeaders();
        for (int i = 0; i < nameValues.length; i += 2) h.add(nameValues[i], nameValues[i + 1]);
        return h;
    }

    @Test
    void defaultsWithoutAConnection() {
        HTTPRequest r = new HTTPRequest("GET", "/a?b=c?d");
        assertEquals("/a", r.path());
        assertEquals("b=c?d", r.query());
        assertEquals(List.of("c?d"), r.arguments().get("b"));
        assertEquals("HTTP/1.0", r.version());
        assertFalse(r.supportsHttp11());
        assertEquals("127.0.0.1", r.host());
        assertEquals("http", r.protocol());
        assertEquals("http://127.0.0.1/a?b=c?d", r.fullUrl());
        assertEquals(0, r.body().length);
        assertEquals(null, r.connection());
        assertThrows(IllegalStateException.class, () -> r.write(new byte[1]));
        assertThrows(IllegalStateException.class, r::finish);
        assertTrue(r.toString().contains("uri=/a?b=c?d"));
    }

    @Test
    void anAbsoluteFormTargetIsReadAsAPathOnItsHost() {
        HTTPRequest r = new HTTPRequest("GET", "http://example.com/abs?x=1", "HTTP/1.1", headers("Host", "other"),
                null, "127.0.0.1", null, null, null);
        assertEquals("http://example.com/abs?x=1", r.uri());
        assertEquals("/abs", r.path());
        assertEquals("x=1", r.query());
        assertEquals(List.of("1"), r.arguments().get("x"));
        assertEquals("example.com", r.host());
        assertEquals("http://example.com/abs?x=1", r.fullUrl());
        // A host given by the caller still wins, as Tornado's keyword argument does.
        assertEquals("given", new HTTPRequest("GET", "http://example.com/", "HTTP/1.1", null, null, "127.0.0.1",
                null, "given", null).host());
    }

    @Test
    void aTargetThisServerDoesNotServeCannotMakeARequest() {
        tornado.httputil.HTTPInputError e = assertThrows(tornado.httputil.HTTPInputError.class,
                () -> new HTTPRequest("CONNECT", "example.com:443"));
        assertEquals(400, e.code());
        assertThrows(tornado.httputil.HTTPInputError.class, () -> new HTTPRequest("GET", "*"));
        assertEquals("*", new HTTPRequest("OPTIONS", "*").path());
    }

    @Test
    void cookiesAreParsedLeniently() {
        HTTPRequest r = new HTTPRequest("GET", "/", "HTTP/1.1",
                headers("Cookie", "a=1; b=\"two words\"; broken; c = 3 ;; d=x=y", "Cookie", "e=\"q\\\"\\101\""),
                null, "127.0.0.1", null, null, null);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b", "two words");
        expected.put("", "broken");
        expected.put("c", "3");
        expected.put("d", "x=y");
        expected.put("e", "q\"A");
        assertEquals(expected, r.cookies());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(r.cookies().keySet()));
    }

    @Test
    void noCookieHeaderMeansNoCookies() {
        assertTrue(new HTTPRequest("GET", "/").cookies().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "255.255.255.255", "0.0.0.0", "::1", "::", "2001:db8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "fe80::1:2:3:4:5"})
    void validIps(String ip) {
        assertTrue(HTTPRequest.validIp(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "1..2.3", "example.com", "localhost",
            "1.2.3.4 ", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1",
            "1:2:3:4:5:6:7:8::"})
    void invalidIps(String ip) {
        assertFalse(HTTPRequest.validIp(ip), ip);
    }

    /** A request as it arrives on a connection that has xheaders on, from socket address 127.0.0.1. */
    private static HTTPRequest behindProxy(HTTPHeaders h) throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }, HTTPServerOptions.defaults().withXheaders(true)); RawClient c = s.connect()) {
            StringBuilder req = new StringBuilder("GET /x HTTP/1.1\r\nHost: x\r\n");
            for (Map.Entry<String, String> e : h) req.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
            c.send(req.append("\r\n").toString());
            c.readResponse();
        }
        return seen.get(0);
    }

    @Test
    void xheadersGiveTheClientAddressAndProtocol() throws Exception {
        assertEquals("203.0.113.7", behindProxy(headers("X-Real-Ip", "203.0.113.7")).remoteIp());
        assertEquals("203.0.113.9", behindProxy(headers("X-Forwarded-For", "10.1.1.1, 203.0.113.9")).remoteIp());
        assertEquals("203.0.113.7", behindProxy(headers("X-Real-Ip", "203.0.113.7", "X-Forwarded-For", "1.1.1.1")).remoteIp());
        assertEquals("127.0.0.1", behindProxy(headers("X-Real-Ip", "not-an-ip")).remoteIp());
        // No proxy header, or an empty one: the socket's peer, whose text is made when asked.
        assertEquals("127.0.0.1", behindProxy(headers()).remoteIp());
        assertEquals("127.0.0.1", behindProxy(headers("X-Forwarded-For", "")).remoteIp());
        assertEquals("https", behindProxy(headers("X-Scheme", "https")).protocol());
        assertEquals("https", behindProxy(headers("X-Forwarded-Proto", "https")).protocol());
        assertEquals("http", behindProxy(headers("X-Forwarded-Proto", "gopher")).protocol());
        assertEquals("https://x/x", behindProxy(headers("X-Scheme", "https")).fullUrl());
    }

    @Test
    void withoutXheadersTheHeadersAreIgnored() throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Real-Ip: 203.0.113.7\r\nX-Scheme: https\r\n\r\n");
            c.readResponse();
        }
        assertEquals("127.0.0.1", seen.get(0).remoteIp());
        assertEquals("http", seen.get(0).protocol());
    }
}
