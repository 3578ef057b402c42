package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tornado.http1connection.StreamRequestBody;
import tornado.http1connection.StreamingHandler;
import tornado.httpserver.HTTPServerOptions;
import tornado.ioloop.IOLoop;
import tornado.testing.OnBothConnections;
import tornado.walkthroughs.Hello;
import tornado.web.Application;
import tornado.web.Asynchronous;
import tornado.web.HTTPError;
import tornado.web.RequestHandler;
import tornado.web.StaticFileHandler;

/**
 * Assorted probes: HTTPError(304/204) answered without a body, a client leaving during an
 * asynchronous handler, HEAD with If-None-Match, requests fed one byte at a time, request
 * smuggling variants (RFC 9112 §6.3, §7.1) refused and closed, HTTP/1.0 keep-alive promises,
 * and static file names with spaces and non-ASCII letters.
 */
class MoreProbesTest extends OnBothConnections {
    static volatile CompletableFuture<String> closeSeen = new CompletableFuture<>();
    static volatile CompletableFuture<String> lateFinish = new CompletableFuture<>();

    public static class Raise304 extends RequestHandler {
        @Override
        public void get(String... a) {
            throw new HTTPError(Integer.parseInt(getArgument("code")));
        }
    }

    public static class SlowAsync extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            IOLoop.current().callLater(Duration.ofMillis(300), asyncCallback(() -> {
                try {
                    finish("late");
                    lateFinish.complete("finished ok");
                } catch (Throwable t) {
                    lateFinish.complete("threw " + t);
                }
            }));
        }

        @Override
        protected void onConnectionClose() {
            closeSeen.complete("closed");
        }
    }

    /** Completed when {@link Upload}'s connection closes under it, with the bytes it had by then. */
    static volatile CompletableFuture<Long> uploadClosed = new CompletableFuture<>();
    /** Completed when {@link Upload} has had its first piece. */
    static volatile CompletableFuture<Long> uploadStarted = new CompletableFuture<>();
    /** How many times {@link Upload} heard onConnectionClose. */
    static final java.util.concurrent.atomic.AtomicInteger uploadCloses = new java.util.concurrent.atomic.AtomicInteger();

    /** A streamed upload that only counts what comes. */
    @StreamRequestBody
    public static class Upload extends RequestHandler implements StreamingHandler {
        private long received;

        @Override
        public tornado.concurrent.Future<?> dataReceived(byte[] chunk) {
            received += chunk.length;
            uploadStarted.complete(received);
            return null;
        }

        @Override
        public void post(String... a) {
            finish("got " + received);
        }

        @Override
        protected void onConnectionClose() {
            uploadCloses.incrementAndGet();
            uploadClosed.complete(received);
        }
    }

    /** How many times {@link Buffered} heard onConnectionClose. */
    static final java.util.concurrent.atomic.AtomicInteger bufferedCloses = new java.util.concurrent.atomic.AtomicInteger();

    /** A handler that takes its body buffered, as every chapter 5 handler does. */
    public static class Buffered extends RequestHandler {
        @Override
        public void post(String... a) {
            finish("got " + request().body().length);
        }

        @Override
        protected void onConnectionClose() {
            bufferedCloses.incrementAndGet();
        }
    }

    static Application app() {
        return new Application(List.of(
                url("/", Hello.MainHandler.class),
                url("/raise", Raise304.class),
                url("/slow", SlowAsync.class),
                url("/upload", Upload.class),
                url("/buffered", Buffered.class)));
    }

    static String get(String p) {
        return "GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void raisingHttpError304Or204() throws Exception {
        try (Fixtures f = Fixtures.app(app())) {
            for (int code : new int[] {304, 204}) {
                try (Wire w = f.connect()) {
                    w.send(get("/raise?code=" + code) + get("/"));
                    Wire.Resp r = w.read();
                    assertEquals(code, r.status(), r.toString());
                    assertEquals("Hello, world", w.read().text(), "keep-alive after HTTPError(" + code + ")");
                }
            }
        }
    }

    @Test
    void clientLeavesDuringAsyncHandler() throws Exception {
        closeSeen = new CompletableFuture<>();
        lateFinish = new CompletableFuture<>();
        try (Fixtures f = Fixtures.app(app())) {
            Wire w = f.connect();
            w.send(get("/slow"));
            w.close();
            assertEquals("closed", closeSeen.get(5, TimeUnit.SECONDS));
            assertEquals("finished ok", lateFinish.get(5, TimeUnit.SECONDS));
            try (Wire w2 = f.connect()) {
                w2.send(get("/"));
                assertEquals("Hello, world", w2.read().text());
            }
        }
    }

    /**
     * A client that leaves in the middle of a streamed upload: the handler, which exists since the
     * headers came (chapter 7, "Routing time"), hears onConnectionClose, as Tornado 4.5's
     * {@code _HandlerDelegate.on_connection_close} tells a {@code stream_request_body} handler.
     * On the callback connection nothing streams: no handler exists before the body is in.
     * Two orders: the end of file right behind the bytes (the body's next read fails at once),
     * and a close while the server waits in a read; either way the handler hears it once.
     */
    @Test
    void clientLeavesDuringAStreamedUploadAndTheHandlerHears() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(connection.equals("coroutine"),
                "the callback connection does not stream: a handler is made only once the whole body is in");
        String head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n";
        try (Fixtures f = Fixtures.app(app())) {
            for (boolean waitForTheFirstPiece : new boolean[] {false, true}) {
                uploadClosed = new CompletableFuture<>();
                uploadStarted = new CompletableFuture<>();
                uploadCloses.set(0);
                try (Wire w = f.connect()) {
                    w.send(head + "u".repeat(100));
                    if (waitForTheFirstPiece) assertEquals(100L, uploadStarted.get(5, TimeUnit.SECONDS));
                }
                // The server reads every byte sent before the end of file, so the handler has all 100.
                assertEquals(100L, uploadClosed.get(5, TimeUnit.SECONDS), "onConnectionClose, with the 100 bytes that came");
                f.assertServes(); // a round trip on the same loop: time for a second call, if one were coming
                assertEquals(1, uploadCloses.get(), "onConnectionClose once (waited for the first piece: " + waitForTheFirstPiece + ")");
            }
        }
    }

    /**
     * A client that leaves before its body is in has not made a request a buffering handler can
     * see: as on chapter 4's connection (which makes the handler only once the body is in) and in
     * Tornado 4.5 (whose _RequestDispatcher makes a non-streaming handler in finish), the
     * handler hears nothing, although the coroutine connection routed it when the headers came.
     */
    @Test
    void clientLeavesBeforeABufferedBodyIsInAndNoHandlerHears() throws Exception {
        bufferedCloses.set(0);
        try (Fixtures f = Fixtures.app(app())) {
            try (Wire w = f.connect()) {
                w.send("POST /buffered HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "b".repeat(100));
                f.assertServes(); // a round trip on the same loop: the server is now waiting for the rest
            }
            int open = -1;
            for (int round = 0; round < 2_000 && open != 0; round++) open = f.lt.call(() -> f.server.limits().openConnections());
            assertEquals(0, open, "the server has seen the client go");
            assertEquals(0, bufferedCloses.get(), "onConnectionClose for a request whose body never came");
        }
    }

    @Test
    void headWithIfNoneMatchOnHello() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/"));
            String etag = w.read().header("Etag");
            w.send("HEAD / HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/" + etag + "\r\n\r\n" + get("/"));
            assertEquals(304, w.read(true).status());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void byteByBytePipelinedPostAndChunkedAndGet() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            String all = "\r\nPOST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n\r\n\r\n3;x=\"a\\\"b\"\r\nxyz\r\n0\r\nT: 1\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: x\r\n\r\n";
            for (byte b : all.getBytes(StandardCharsets.ISO_8859_1)) w.send(new byte[] {b});
            assertEquals("POST /a 4 \r\n\r\n", w.read().text());
            assertEquals("POST /b 5 \r\nxyz", w.read().text());
            assertEquals("GET /c 0 ", w.read().text());
        }
    }

    /**
     * Each request is answered 4xx and the connection closed, so the request behind it is never
     * served. Where RFC 9112 lets a server choose (both TE and CL, §6.3; obs-fold, §5.2; NUL in a
     * field value, RFC 9110 §5.5; a bare LF, §2.2), this server chooses to reject, as later Tornado does.
     */
    @Test
    void smugglingVariantsRefused() throws Exception {
        String[] bad = {
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "POST / HTTP/1.1\r\nHost: x\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n Host: y\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n",
        };
        try (Fixtures f = Fixtures.raw(Fixtures::echo)) {
            for (String req : bad) {
                try (Wire w = f.connect()) {
                    w.send(req + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
                    Wire.Resp r = w.read();
                    String shown = req.replace("\r", "\\r").replace("\n", "\\n");
                    assertTrue(r.status() >= 400 && r.status() < 600, shown + " -> " + r.statusLine() + " " + r.text());
                    assertTrue(w.closedWithin(3000), "not closed after bad request " + shown);
                }
            }
        }
    }

    @Test
    void noKeepAliveOptionClosesAfterTheResponse() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo, HTTPServerOptions.defaults().withNoKeepAlive(true)); Wire w = f.connect()) {
            w.send(get("/a"));
            assertEquals("GET /a 0 ", w.read().text());
            assertTrue(w.closedWithin(3000));
        }
    }

    @Test
    void responseClaimsKeepAliveButServerCloses_http10PostNoLength() throws Exception {
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/", Hello.MainHandler.class), url("/echo", Hello.EchoHandler.class))));
             Wire w = f.connect()) {
            w.send("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Wire.Resp r = w.read();
            boolean closed = w.closedWithin(2000);
            String conn = r.header("Connection");
            assertFalse(closed && conn != null && conn.equalsIgnoreCase("keep-alive"),
                    "server said Connection: " + conn + " but closed the connection");
        }
    }

    @TempDir
    Path dir;

    @Test
    void staticUnicodeAndSpaceNames() throws Exception {
        Files.writeString(dir.resolve("with space.txt"), "sp");
        Files.writeString(dir.resolve("é.txt"), "e-acute");
        Files.writeString(dir.resolve("a+b.txt"), "plus");
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/static/(.*)", StaticFileHandler.class, Map.of("path", dir.toString())))));
             Wire w = f.connect()) {
            w.send(get("/static/with%20space.txt"));
            assertEquals("sp", w.read().text());
            w.send(get("/static/%C3%A9.txt"));
            assertEquals("e-acute", w.read().text());
            w.send(get("/static/a+b.txt"));
            assertEquals("plus", w.read().text());
        }
    }
}
