package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;
import tornado.testing.OnBothConnections;
import tornado.walkthroughs.Hello;
import tornado.web.Application;
import tornado.web.Asynchronous;
import tornado.web.CookieOptions;
import tornado.web.RequestHandler;

/**
 * Probes RequestHandler over the wire: HEAD, 204 and 304 framing, flush() and its chunk
 * boundaries, HTTP/1.0 keep-alive, writes after finish, header and cookie injection, redirect
 * sanitising, and exceptions thrown in prepare, onFinish and later callbacks.
 */
class WebLevelTest extends OnBothConnections {
    static final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void reset() {
        events.clear();
    }

    public static class FlushHandler extends RequestHandler {
        @Override
        public void get(String... a) {
            write("abc");
            flush();
            flush(); // empty flush: must not emit a 0-size chunk
            write("");
            flush();
            write("defgh");
            finish();
        }
    }

    public static class BigFlushHandler extends RequestHandler {
        @Override
        public void get(String... a) {
            write("x".repeat(20_000));
            flush();
            write("y".repeat(17_000));
            flush();
            finish("z");
        }
    }

    public static class AsyncFlushHandler extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            write("part1");
            flush(asyncCallback(() -> {
                write("part2");
                flush(asyncCallback(() -> finish("end")));
            }));
        }
    }

    public static class WriteAfterFinish extends RequestHandler {
        @Override
        public void get(String... a) {
            finish("only");
            try {
                write("more");
                events.add("write-ok");
            } catch (IllegalStateException e) {
                events.add("write-refused");
            }
            try {
                finish();
                events.add("finish-ok");
            } catch (IllegalStateException e) {
                events.add("finish-refused");
            }
        }
    }

    public static class InjectHandler extends RequestHandler {
        @Override
        public void get(String... a) {
            String[][] tries = {
                    {"X-A", "v\r\nSet-Cookie: evil=1"}, {"X-A", "v\nX-Evil: 1"}, {"X-A", "v\rX-Evil: 1"},
                    {"X-B\r\nX-Evil", "1"}, {"X-C: y\r\nX-Evil", "1"}, {"X D", "1"}, {"", "1"}, {"X-E", "a\u0000b"},
            };
            for (String[] t : tries) {
                try {
                    setHeader(t[0], t[1]);
                    events.add("accepted " + t[0].replace("\r", "\\r").replace("\n", "\\n"));
                } catch (RuntimeException e) {
                    events.add("refused");
                }
                try {
                    addHeader(t[0], t[1]);
                    events.add("accepted-add " + t[0].replace("\r", "\\r").replace("\n", "\\n"));
                } catch (RuntimeException e) {
                    events.add("refused");
                }
            }
            try {
                setStatus(200, "OK\r\nX-Evil: 1");
                events.add("accepted reason");
            } catch (RuntimeException e) {
                events.add("refused");
            }
            write("done");
        }
    }

    public static class CookieEcho extends RequestHandler {
        @Override
        public void get(String... a) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, String> e : cookies().entrySet()) b.append('[').append(e.getKey()).append('=').append(e.getValue()).append(']');
            String[] badValues = {"a;b", "a b", "a\r\nSet-Cookie: x=1", "a,b", "\"q\"", "é"};
            for (String v : badValues) {
                try {
                    setCookie("c", v);
                    events.add("cookie-accepted " + v);
                } catch (IllegalArgumentException e) {
                    events.add("cookie-refused");
                }
            }
            try {
                setCookie("ok", "v", new CookieOptions().path("/\r\nX-Evil: 1"));
                events.add("cookie-path-accepted");
            } catch (IllegalArgumentException e) {
                events.add("cookie-refused");
            }
            try {
                setCookie("ok", "v", new CookieOptions().domain("x.com; Secure"));
                events.add("cookie-domain-accepted");
            } catch (IllegalArgumentException e) {
                events.add("cookie-refused");
            }
            setCookie("good", "v1");
            write(b.toString());
        }
    }

    public static class RedirectHandler2 extends RequestHandler {
        @Override
        public void get(String... a) {
            redirect(getArgument("to"));
        }
    }

    public static class NoContent extends RequestHandler {
        @Override
        public void get(String... a) {
            setStatus(204);
        }
    }

    public static class ThrowInPrepare extends RequestHandler {
        @Override
        protected void prepare() {
            throw new IllegalStateException("boom in prepare");
        }

        @Override
        public void get(String... a) {
            write("never");
        }
    }

    public static class ThrowInOnFinish extends RequestHandler {
        @Override
        public void get(String... a) {
            write("fine");
        }

        @Override
        protected void onFinish() {
            throw new IllegalStateException("boom in onFinish");
        }
    }

    public static class ThrowLater extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            IOLoop.current().callLater(Duration.ofMillis(10), asyncCallback(() -> {
                throw new IllegalStateException("boom later");
            }));
        }
    }

    public static class ThrowLaterAfterFlush extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            write("partial");
            flush();
            IOLoop.current().callLater(Duration.ofMillis(10), asyncCallback(() -> {
                throw new IllegalStateException("boom later after flush");
            }));
        }
    }

    static Application app() {
        return new Application(List.of(
                url("/", Hello.MainHandler.class),
                url("/echo", Hello.EchoHandler.class),
                url("/flush", FlushHandler.class),
                url("/bigflush", BigFlushHandler.class),
                url("/asyncflush", AsyncFlushHandler.class),
                url("/waf", WriteAfterFinish.class),
                url("/inject", InjectHandler.class),
                url("/cookies", CookieEcho.class),
                url("/redir", RedirectHandler2.class),
                url("/204", NoContent.class),
                url("/prepare", ThrowInPrepare.class),
                url("/onfinish", ThrowInOnFinish.class),
                url("/later", ThrowLater.class),
                url("/laterflush", ThrowLaterAfterFlush.class)));
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void headOnHelloHasLengthAndNoBodyThenKeepAlive() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n" + get("/"));
            Wire.Resp h = w.read(true);
            assertEquals(200, h.status());
            assertEquals("12", h.header("Content-Length"));
            Wire.Resp g = w.read();
            assertEquals("Hello, world", g.text());
            w.assertQuiet(200);
        }
    }

    @Test
    void headOnEchoIs405WithoutBody() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\n" + get("/"));
            Wire.Resp h = w.read(true);
            assertEquals(405, h.status());
            assertNotNull(h.header("Allow"));
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void postEchoPipelinedWithGet() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nping" + get("/"));
            assertEquals("ping", w.read().text());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void expectContinueOnWebApp() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\npong" + get("/"));
            assertEquals(100, w.read().status());
            assertEquals("pong", w.read().text());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void keepAliveAfter304() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/"));
            Wire.Resp r = w.read();
            String etag = r.header("Etag");
            assertNotNull(etag);
            w.send("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n" + get("/"));
            Wire.Resp n = w.read();
            assertEquals(304, n.status());
            // RFC 9110 §8.6 allows a 304 to repeat the 200's length; like Tornado, we send none.
            assertNull(n.header("Content-Length"));
            assertNull(n.header("Transfer-Encoding"));
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void keepAliveAfter204AndNoFramingHeaders() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/204") + get("/"));
            Wire.Resp n = w.read();
            assertEquals(204, n.status());
            assertNull(n.header("Content-Length"), "204 must not carry Content-Length (RFC 9110 §8.6)");
            assertNull(n.header("Transfer-Encoding"));
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void http10KeepAliveOnApp() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Wire.Resp r = w.read();
            assertEquals("Hello, world", r.text());
            assertEquals("keep-alive", r.header("Connection").toLowerCase());
            w.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("Hello, world", w.read().text());
            w.send("GET / HTTP/1.0\r\n\r\n");
            assertEquals("Hello, world", w.read().text());
            assertTrue(w.closedWithin(3000));
        }
    }

    @Test
    void http10KeepAliveWithFlushClosesAfterBody() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("GET /flush HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Wire.Resp r = w.read(); // no CL, no TE: read to EOF
            assertNull(r.header("Transfer-Encoding"), "HTTP/1.0 has no chunked coding (RFC 9112 §6.1)");
            String conn = r.header("Connection");
            assertFalse(conn != null && conn.equalsIgnoreCase("keep-alive"), "promised keep-alive on a body delimited by close");
            assertEquals("abcdefgh", r.text());
        }
    }

    @Test
    void connectionCloseOnAppCloses() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("Hello, world", w.read().text());
            assertTrue(w.closedWithin(3000));
        }
    }

    @Test
    void flushWriteFinishChunkedFramingStrict() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/flush") + get("/"));
            Wire.Resp r = w.read();
            assertTrue(r.chunked(), r.toString());
            assertEquals("abcdefgh", r.text());
            assertEquals(List.of(3, 5, 0), r.chunkSizes());
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void bigFlushChunkedFramingStrict() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/bigflush") + get("/"));
            Wire.Resp r = w.read();
            assertEquals("x".repeat(20_000) + "y".repeat(17_000) + "z", r.text());
            assertEquals(List.of(20_000, 17_000, 1, 0), r.chunkSizes());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void asyncFlushChunked() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/asyncflush") + get("/"));
            Wire.Resp r = w.read();
            assertEquals("part1part2end", r.text());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void headOnFlushingHandlerKeepsAlive() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("HEAD /flush HTTP/1.1\r\nHost: x\r\n\r\n" + get("/"));
            Wire.Resp h = w.read(true);
            assertEquals(200, h.status());
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void writeAfterFinishRefused() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/waf") + get("/"));
            assertEquals("only", w.read().text());
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
            assertEquals(List.of("write-refused", "finish-refused"), List.copyOf(events));
        }
    }

    @Test
    void headerInjectionRefused() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/inject"));
            Wire.Resp r = w.read();
            assertEquals(200, r.status(), r.toString());
            assertEquals("done", r.text());
            assertNull(r.header("X-Evil"));
            assertNull(r.header("Set-Cookie"));
            for (String e : events) assertEquals("refused", e, "accepted a bad header: " + events);
        }
    }

    @Test
    void oddCookies() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send("GET /cookies HTTP/1.1\r\nHost: x\r\nCookie: a=1; b=\"quoted\"; c=x=y; =nov; d; e=; f=%20;;g = 7 \r\nCookie: h=2\r\n\r\n");
            Wire.Resp r = w.read();
            assertEquals(200, r.status(), r.toString());
            String body = r.text();
            assertTrue(body.contains("[a=1]"), body);
            assertTrue(body.contains("[c=x=y]"), body);
            assertTrue(body.contains("[h=2]"), body);
            for (String e : events) assertEquals("cookie-refused", e, "accepted a bad cookie: " + events);
            assertEquals(List.of("good=v1; Path=/"), r.all("Set-Cookie"));
            w.send(get("/"));
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void redirectWithCrlfIsSanitized() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/redir?to=%2Fnext%0D%0ASet-Cookie%3A%20evil%3D1%0D%0A%0D%0A<html>"));
            Wire.Resp r = w.read();
            assertEquals(302, r.status(), r.toString());
            String loc = r.header("Location");
            assertNotNull(loc);
            assertFalse(loc.contains("\r") || loc.contains("\n"));
            assertNull(r.header("Set-Cookie"));
            w.send(get("/redir?to=%0D%0A%2F%2Fevil.example"));
            Wire.Resp r2 = w.read();
            assertEquals(302, r2.status());
            w.send(get("/"));
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void exceptionInPrepareGives500AndKeepAlive() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/prepare") + get("/"));
            Wire.Resp r = w.read();
            assertEquals(500, r.status());
            assertFalse(r.text().contains("never"));
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void exceptionInOnFinishDoesNotHurt() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/onfinish") + get("/"));
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            assertEquals("fine", r.text());
            assertEquals("Hello, world", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void exceptionInLaterCallbackGives500() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/later") + get("/"));
            Wire.Resp r = w.read();
            assertEquals(500, r.status());
            assertEquals("Hello, world", w.read().text());
        }
    }

    @Test
    void exceptionInLaterCallbackAfterFlush() throws Exception {
        try (Fixtures f = Fixtures.app(app()); Wire w = f.connect()) {
            w.send(get("/laterflush"));
            // Headers are out, so no error page can follow: as in Tornado, sendError ends the
            // response as it stands (documented on RequestHandler.sendError), and the connection
            // carries on.
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            assertEquals("partial", r.text());
            w.send(get("/"));
            assertEquals("Hello, world", w.read().text());
            try (Wire w2 = f.connect()) {
                w2.send(get("/"));
                assertEquals("Hello, world", w2.read().text());
            }
        }
    }
}
