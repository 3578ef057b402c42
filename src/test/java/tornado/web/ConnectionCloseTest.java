package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPServerOptions;
import tornado.testing.LogCapture;

/**
 * RFC 9112 §9.6: when the server is going to close the connection after a response, the
 * response says {@code Connection: close}, so that a client never sends its next request into a
 * connection that is about to go. Checked on raw sockets for each reason the server closes (the
 * client's {@code Connection: close}, HTTP/1.0 without keep-alive, the {@code noKeepAlive}
 * option, a body only the close can end) and for each kind of response (finished, flushed and
 * chunked, an error page from a handler, an error answer from the connection itself); and, the
 * other way round, that a connection kept open is not said to close.
 */
class ConnectionCloseTest extends tornado.testing.OnBothConnections {
    private static AppServer serve(Consumer<RequestHandler> body) throws Exception {
        return serve(body, HTTPServerOptions.defaults());
    }

    private static AppServer serve(Consumer<RequestHandler> body, HTTPServerOptions options) throws Exception {
        return new AppServer(new Application(List.of(url("/", OutputTest.Lambda.class, Map.of("body", body)))), options);
    }

    /** Sends {@code raw}, reads one response, and reports whether the server then closed. */
    private static RawHttp.Response exchangeAndCheckClose(AppServer s, String raw, boolean expectClose) throws Exception {
        try (RawHttp c = new RawHttp(s.port)) {
            c.send(raw);
            RawHttp.Response r = c.read(false);
            if (!expectClose) c.timeout(300);
            assertEquals(expectClose, c.closedByServer(), "server closed the connection after: " + r);
            return r;
        }
    }

    private static final String GET_CLOSE = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    private static final String GET_KEEP = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void aFinishedResponseToConnectionCloseSaysClose() throws Exception {
        try (AppServer s = serve(h -> h.write("hello"))) {
            RawHttp.Response r = exchangeAndCheckClose(s, GET_CLOSE, true);
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertEquals("hello", r.text());
        }
    }

    @Test
    void aKeptAliveConnectionIsNotSaidToClose() throws Exception {
        try (AppServer s = serve(h -> h.write("hello"))) {
            RawHttp.Response r = exchangeAndCheckClose(s, GET_KEEP, false);
            assertNull(r.header("Connection"), r.toString());
        }
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsSaidToClose() throws Exception {
        try (AppServer s = serve(h -> h.write("hello"))) {
            RawHttp.Response r = exchangeAndCheckClose(s, "GET / HTTP/1.0\r\n\r\n", true);
            assertEquals("close", r.header("Connection"));
            // With keep-alive asked for and granted, the answer says so instead.
            RawHttp.Response kept = exchangeAndCheckClose(s, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", false);
            assertEquals("Keep-Alive", kept.header("Connection"));
        }
    }

    @Test
    void noKeepAliveSaysCloseOnEveryResponse() throws Exception {
        try (AppServer s = serve(h -> h.write("hello"), HTTPServerOptions.defaults().withNoKeepAlive(true))) {
            RawHttp.Response r = exchangeAndCheckClose(s, GET_KEEP, true);
            assertEquals("close", r.header("Connection"));
        }
    }

    @Test
    void aFlushedChunkedResponseSaysClose() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("part one, ");
            h.flush();
            h.write("part two");
        })) {
            RawHttp.Response r = exchangeAndCheckClose(s, GET_CLOSE, true);
            assertTrue(r.chunked(), r.toString());
            assertEquals("close", r.header("Connection"));
            assertEquals("part one, part two", r.text());
            // Kept alive, the same chunked response does not say close.
            RawHttp.Response kept = exchangeAndCheckClose(s, GET_KEEP, false);
            assertTrue(kept.chunked());
            assertNull(kept.header("Connection"));
        }
    }

    @Test
    void errorPagesSayClose() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (AppServer s = serve(h -> {
            throw new IllegalStateException("a bug in the handler");
        })) {
            RawHttp.Response r = exchangeAndCheckClose(s, GET_CLOSE, true);
            assertEquals(500, r.status());
            assertEquals("close", r.header("Connection"));
            // The application's 404, for a path no spec matches.
            RawHttp.Response notFound = exchangeAndCheckClose(s,
                    "GET /nowhere HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", true);
            assertEquals(404, notFound.status());
            assertEquals("close", notFound.header("Connection"));
        } finally {
            log.remove();
        }
    }

    @Test
    void theConnectionsOwnErrorAnswersSayClose() throws Exception {
        try (AppServer s = serve(h -> h.write("never"))) {
            // A malformed request never reaches a handler: HTTPConnection answers it itself,
            // through the same ResponseHead, and closes whatever the client asked for.
            RawHttp.Response r = exchangeAndCheckClose(s, "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n", true);
            assertEquals(400, r.status());
            assertEquals("close", r.header("Connection"));
            assertFalse(r.text().isEmpty());
        }
    }
}
