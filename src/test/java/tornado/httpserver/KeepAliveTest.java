package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tornado.httputil.HTTPHeaders;

/**
 * Tornado 2.4's keep-alive rules (its {@code _finish_request}), one row per case: first
 * as a plain decision, then over a real connection, where "keep" means a second request on the
 * same connection is answered and "close" means the server closes after the first response.
 */
class KeepAliveTest extends tornado.testing.OnBothConnections {
    // version, method, Connection header ("-" for none), Content-Length ("-" for none), noKeepAlive, expected
    private static final String TABLE = """
            HTTP/1.1, GET,    -,          -, false, keep
            HTTP/1.1, GET,    close,      -, false, close
            HTTP/1.1, GET,    Close,      -, false, close
            HTTP/1.1, GET,    keep-alive, -, false, keep
            HTTP/1.1, POST,   -,          3, false, keep
            HTTP/1.1, DELETE, -,          -, false, keep
            HTTP/1.1, GET,    -,          -, true,  close
            HTTP/1.0, GET,    -,          -, false, close
            HTTP/1.0, GET,    keep-alive, -, false, keep
            HTTP/1.0, GET,    Keep-Alive, -, false, keep
            HTTP/1.0, HEAD,   keep-alive, -, false, keep
            HTTP/1.0, POST,   keep-alive, 3, false, keep
            HTTP/1.0, POST,   -,          3, false, close
            HTTP/1.0, POST,   keep-alive, -, false, close
            HTTP/1.0, DELETE, keep-alive, -, false, close
            HTTP/1.0, GET,    keep-alive, -, true,  close
            """;

    @ParameterizedTest(name = "{0} {1} Connection={2} Content-Length={3} noKeepAlive={4} -> {5}")
    @CsvSource(textBlock = TABLE)
    void decision(String version, String method, String connection, String contentLength, boolean noKeepAlive,
                  String expected) {
        HTTPHeaders headers = new HTTPHeaders();
        if (!connection.equals("-")) headers.add("Connection", connection);
        if (!contentLength.equals("-")) headers.add("Content-Length", contentLength);
        HTTPRequest request = new HTTPRequest(method, "/", version, headers, null, "127.0.0.1", null, null, null);
        assertEquals(expected.equals("close"), HTTPConnection.shouldDisconnect(request, noKeepAlive));
    }

    @ParameterizedTest(name = "{0} {1} Connection={2} Content-Length={3} noKeepAlive={4} -> {5}")
    @CsvSource(textBlock = TABLE)
    void overTheWire(String version, String method, String connection, String contentLength, boolean noKeepAlive,
                     String expected) throws Exception {
        StringBuilder request = new StringBuilder(method + " /first " + version + "\r\nHost: x\r\n");
        if (!connection.equals("-")) request.append("Connection: ").append(connection).append("\r\n");
        if (!contentLength.equals("-")) request.append("Content-Length: ").append(contentLength).append("\r\n");
        request.append("\r\n");
        if (!contentLength.equals("-")) request.append("abc");
        try (TestServer s = TestServer.start(TestServer::echo, HTTPServerOptions.defaults().withNoKeepAlive(noKeepAlive));
             RawClient c = s.connect()) {
            c.send(request.toString());
            assertEquals(200, c.readResponse(method.equals("HEAD")).status());
            if (expected.equals("close")) {
                assertTrue(c.closedByServer());
            } else {
                c.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("You requested /second\n", c.readResponse().text());
            }
        }
    }
}
