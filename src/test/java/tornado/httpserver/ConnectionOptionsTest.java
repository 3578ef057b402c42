package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;

import org.junit.jupiter.api.Test;

import tornado.walkthroughs.UriEcho;

/** {@code Connection} is a list of options (RFC 9110 §7.6.1): "close" may come with others. */
class ConnectionOptionsTest extends tornado.testing.OnBothConnections {
    @Test
    void closeAmongOtherOptionsCloses() throws Exception {
        try (TestServer server = TestServer.start(UriEcho::handleRequest);
             Socket socket = new Socket("127.0.0.1", server.port());
             RawClient client = new RawClient(socket)) {
            client.send("GET /x HTTP/1.1\r\nHost: h\r\nTE: trailers\r\nConnection: TE, close\r\n\r\n");
            assertEquals(200, client.readResponse().status());
            assertTrue(client.cleanEndOfFile(), "the server must close after 'Connection: TE, close'");
        }
    }

    @Test
    void keepAliveAmongOtherOptionsKeepsAnHttp10ConnectionOpen() throws Exception {
        try (TestServer server = TestServer.start(UriEcho::handleRequest);
             Socket socket = new Socket("127.0.0.1", server.port());
             RawClient client = new RawClient(socket)) {
            client.send("GET /1 HTTP/1.0\r\nConnection: Keep-Alive, foo\r\n\r\n");
            assertEquals("You requested /1\n", client.readResponse().text());
            client.send("GET /2 HTTP/1.0\r\n\r\n");
            assertEquals("You requested /2\n", client.readResponse().text());
        }
    }
}
