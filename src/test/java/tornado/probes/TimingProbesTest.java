package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPServerOptions;
import tornado.ioloop.IOLoop;
import tornado.testing.OnBothConnections;
import tornado.walkthroughs.Hello;
import tornado.web.Application;
import tornado.web.Asynchronous;
import tornado.web.RequestHandler;

/**
 * Probes what happens over time on one connection: half-closes during synchronous and
 * asynchronous handlers, the idle and body timeouts, the header size limit, requests pipelined
 * behind a slow handler, and 404/405 answers that keep the connection alive.
 */
class TimingProbesTest extends OnBothConnections {
    static String get(String p) {
        return "GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    /** Completed when {@link Silent}'s connection closes under it. */
    static volatile CompletableFuture<String> silentClosed = new CompletableFuture<>();

    /** An asynchronous handler that has not written anything yet when the client half-closes. */
    public static class Silent extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            IOLoop.current().callLater(Duration.ofMillis(100), asyncCallback(() -> finish("too late")));
        }

        @Override
        protected void onConnectionClose() {
            silentClosed.complete("closed");
        }
    }

    /**
     * The documented rule (IOStream.closeIfPeerDone, Tornado's own): a client that shuts down its
     * sending side while an asynchronous handler has written nothing yet looks like a client that
     * went away, so the connection is closed and the handler hears onConnectionClose.
     */
    @Test
    void halfCloseWhileAsyncHandlerHasWrittenNothingClosesTheConnection() throws Exception {
        silentClosed = new CompletableFuture<>();
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/silent", Silent.class)))); Wire w = f.connect()) {
            w.send(get("/silent"));
            w.socket.shutdownOutput();
            assertTrue(w.closedWithin(5000), "server did not close after the client's half-close");
            assertEquals("closed", silentClosed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void halfCloseSyncHandlerWorks() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application()); Wire w = f.connect()) {
            w.send(get("/") + get("/"));
            w.socket.shutdownOutput();
            assertEquals("Hello, world", w.read().text());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void idleTimeoutDoesNotKillSlowAsyncHandler() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application(), HTTPServerOptions.defaults().withIdleConnectionTimeout(Duration.ofMillis(30)));
             Wire w = f.connect()) {
            w.send(get("/later"));
            assertEquals("Hello, later world", w.read().text());
            // and it is idle-closed afterwards
            assertTrue(w.closedWithin(3000));
        }
    }

    @Test
    void pipelinedBehindAsyncHandlerInOrder() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application()); Wire w = f.connect()) {
            w.send(get("/later") + get("/") + get("/later") + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
            assertEquals("Hello, later world", w.read().text());
            assertEquals("Hello, world", w.read().text());
            assertEquals("Hello, later world", w.read().text());
            assertEquals("hi", w.read().text());
        }
    }

    @Test
    void bodyTimeout() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application(), HTTPServerOptions.defaults().withBodyTimeout(Duration.ofMillis(200)));
             Wire w = f.connect()) {
            w.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            assertTrue(w.closedWithin(3000));
        }
    }

    @Test
    void headerTooLargeThenServerStillServes() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application(), HTTPServerOptions.defaults().withMaxHeaderSize(1024))) {
            try (Wire w = f.connect()) {
                w.send("GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(2000) + "\r\n\r\n");
                Wire.Resp r = w.read();
                assertEquals(431, r.status());
            }
            try (Wire w = f.connect()) {
                // just under the limit, pipelined with another
                String pad = "a".repeat(1024 - ("GET / HTTP/1.1\r\nHost: x\r\nX: \r\n\r\n").length());
                w.send("GET / HTTP/1.1\r\nHost: x\r\nX: " + pad + "\r\n\r\n" + get("/"));
                assertEquals("Hello, world", w.read().text());
                assertEquals("Hello, world", w.read().text());
            }
        }
    }

    @Test
    void notFoundHeadAndOptionsKeepAlive() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application()); Wire w = f.connect()) {
            w.send("HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS / HTTP/1.1\r\nHost: x\r\n\r\nDELETE / HTTP/1.1\r\nHost: x\r\n\r\nBREW / HTTP/1.1\r\nHost: x\r\n\r\n" + get("/"));
            assertEquals(404, w.read(true).status());
            assertEquals(405, w.read().status());
            assertEquals(405, w.read().status());
            assertEquals(405, w.read().status());
            assertEquals("Hello, world", w.read().text());
        }
    }
}
