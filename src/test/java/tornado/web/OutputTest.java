package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tornado.httputil.HttpDates;
import tornado.testing.LogCapture;

/**
 * The output side of RequestHandler, as bytes on the wire: write (text, bytes, JSON), the default
 * headers, Content-Length on finish, chunked encoding after an early flush (and the HTTP/1.0
 * alternative), status and reason, set/add/clear header and the header-injection guard,
 * redirects, ETag and 304.
 */
class OutputTest extends tornado.testing.OnBothConnections {
    /** A handler whose get and post are whatever the test gives it in the "body" argument. */
    public static class Lambda extends RequestHandler {
        Consumer<RequestHandler> body;

        @Override
        @SuppressWarnings("unchecked")
        protected void initialize(Map<String, Object> kwargs) {
            body = (Consumer<RequestHandler>) kwargs.get("body");
        }

        @Override
        public void get(String... args) {
            body.accept(this);
        }

        @Override
        public void post(String... args) {
            body.accept(this);
        }
    }

    private static AppServer serve(Consumer<RequestHandler> body) throws Exception {
        return new AppServer(new Application(List.of(url("/", Lambda.class, Map.of("body", body)))));
    }

    @Test
    void aFinishedResponseHasStatusDateServerTypeAndLength() throws Exception {
        try (AppServer s = serve(h -> h.write("Hello, world"))) {
            RawHttp.Response r = s.get("/");
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("text/html; charset=UTF-8", r.header("Content-Type"));
            assertEquals("12", r.header("Content-Length"));
            assertTrue(r.header("Server").startsWith("TornadoServer/"), r.header("Server"));
            Instant date = HttpDates.parseHttpDate(r.header("Date")).orElseThrow();
            assertTrue(Math.abs(date.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("Hello, world", r.text());
        }
    }

    @Test
    void writeTakesTextBytesAndMapsAsJson() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("caf\u00e9 ");
            h.write(new byte[] {(byte) 0xff, 0});
        })) {
            RawHttp.Response r = s.get("/");
            byte[] expected = concat("caf\u00e9 ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0});
            assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(r.body(), StandardCharsets.ISO_8859_1));
            assertEquals(String.valueOf(expected.length), r.header("Content-Length"));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", "two");
        try (AppServer s = serve(h -> h.write(map))) {
            RawHttp.Response r = s.get("/");
            assertEquals("application/json; charset=UTF-8", r.header("Content-Type"));
            assertTrue(r.text().matches("\\{\\s*\"a\"\\s*:\\s*1\\s*,\\s*\"b\"\\s*:\\s*\"two\"\\s*}"), r.text());
        }
    }

    @Test
    void flushBeforeFinishStreamsChunkedOnHttp11() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("first ");
            h.flush();
            h.write("second");
        })) {
            RawHttp.Response r = s.get("/");
            assertEquals(200, r.status());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));
            assertTrue(r.chunked());
            assertEquals("first second", r.text());
        }
    }

    @Test
    void theChunksOnTheWireAreLengthPrefixedAndEndWithAZeroChunk() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("abc");
            h.flush();
            h.flush(); // an empty flush must not end the body early
            h.write("0123456789abcdefX");
        })) {
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                String all = new String(c.readRaw(), StandardCharsets.ISO_8859_1);
                String body = all.substring(all.indexOf("\r\n\r\n") + 4);
                assertEquals("3\r\nabc\r\n11\r\n0123456789abcdefX\r\n0\r\n\r\n", body);
            }
        }
    }

    @Test
    void flushBeforeFinishOnHttp10ClosesTheConnectionToEndTheBody() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("first ");
            h.flush();
            h.write("second");
        })) {
            try (RawHttp c = new RawHttp(s.port)) {
                // Even though the client asks to keep the connection, only closing it can mark
                // the end of a body of unknown length for an HTTP/1.0 client.
                c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawHttp.Response r = c.read(false);
                assertNull(r.header("Transfer-Encoding"));
                assertNull(r.header("Content-Length"));
                assertEquals("close", r.header("Connection"));
                assertEquals("first second", r.text());
            }
        }
    }

    @Test
    void http10KeepAliveIsAnsweredAndHonoured() throws Exception {
        try (AppServer s = serve(h -> h.write("x"))) {
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawHttp.Response r = c.read(false);
                assertEquals("Keep-Alive", r.header("Connection"));
                assertEquals("1", r.header("Content-Length"));
                c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertEquals("x", c.read(false).text());
            }
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.0\r\n\r\n");
                RawHttp.Response r = c.read(false);
                // The server closes after this answer, so the answer says so (RFC 9112 §9.6).
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void statusAndReason() throws Exception {
        try (AppServer s = serve(h -> h.setStatus(201))) {
            RawHttp.Response r = s.get("/");
            assertEquals("HTTP/1.1 201 Created", r.statusLine());
        }
        try (AppServer s = serve(h -> h.setStatus(299, "Fine Anyway"))) {
            assertEquals("HTTP/1.1 299 Fine Anyway", s.get("/").statusLine());
        }
        // An unknown code without a reason is a bug in the handler: 500.
        LogCapture log = LogCapture.on("tornado.application");
        try (AppServer s = serve(h -> h.setStatus(299))) {
            assertEquals(500, s.get("/").status());
            assertTrue(log.thrown().stream().anyMatch(e -> e.getMessage().contains("unknown HTTP status code 299")));
        } finally {
            log.remove();
        }
    }

    @Test
    void noContentHasNeitherBodyNorLength() throws Exception {
        try (AppServer s = serve(h -> h.setStatus(204))) {
            RawHttp.Response r = s.get("/");
            assertEquals(204, r.status());
            assertNull(r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
        }
    }

    @Test
    void setAddAndClearHeader() throws Exception {
        try (AppServer s = serve(h -> {
            h.setHeader("X-One", "1");
            h.setHeader("X-One", "one");
            h.addHeader("Link", "<a>");
            h.addHeader("Link", "<b>");
            h.setHeader("X-Gone", "soon");
            h.clearHeader("x-gone");
            h.setHeader("X-Number", 42);
            h.setHeader("X-When", Instant.ofEpochSecond(784111777));
            h.clearHeader("Server");
        })) {
            RawHttp.Response r = s.get("/");
            assertEquals(List.of("one"), r.headers("X-One"));
            assertEquals(List.of("<a>", "<b>"), r.headers("Link"));
            assertNull(r.header("X-Gone"));
            assertNull(r.header("Server"));
            assertEquals("42", r.header("X-Number"));
            assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", r.header("X-When"));
        }
    }

    @Test
    void aHeaderValueWithCrOrLfIsRefused() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (AppServer s = serve(h -> h.setHeader("X-Name", "ok\r\nSet-Cookie: admin=1"))) {
            RawHttp.Response r = s.get("/");
            assertEquals(500, r.status());
            assertTrue(r.headers("Set-Cookie").isEmpty());
            assertNull(r.header("X-Name"));
            Throwable e = log.thrown().stream().filter(t -> t instanceof IllegalArgumentException).findFirst().orElseThrow();
            assertTrue(e.getMessage().contains("header injection"), e.getMessage());
            assertTrue(e.getMessage().contains("X-Name"), e.getMessage());
        } finally {
            log.remove();
        }
        try (AppServer s = serve(h -> h.addHeader("X-Name", "ok\nno"))) {
            assertEquals(500, s.get("/").status());
        }
    }

    @Test
    void redirects() throws Exception {
        try (AppServer s = serve(h -> h.redirect("/elsewhere"))) {
            RawHttp.Response r = s.get("/");
            assertEquals(302, r.status());
            assertEquals("/elsewhere", r.header("Location"));
        }
        try (AppServer s = serve(h -> h.redirect("https://example.com/x", true))) {
            RawHttp.Response r = s.get("/");
            assertEquals(301, r.status());
            assertEquals("https://example.com/x", r.header("Location"));
        }
        try (AppServer s = new AppServer(new Application(List.of(url("/a/b", Lambda.class,
                Map.of("body", (Consumer<RequestHandler>) h -> h.redirect("c?d=1", false, 303))))))) {
            RawHttp.Response r = s.get("/a/b");
            assertEquals(303, r.status());
            // Relative to the request's URL, as a browser would resolve it.
            assertEquals("/a/c?d=1", r.header("Location"));
        }
        // Every kind of reference a handler passes resolves as RFC 3986 §5.2 says (as Tornado
        // 2.4's urljoin and a browser resolve it): a query alone stays on this page, "" is this
        // page, dot segments go; a URL outside ASCII goes out as the escapes of its UTF-8.
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("?page=2", "/a/b?page=2");
        expected.put("", "/a/b?q=1");
        expected.put("../up", "/up");
        expected.put("./c/../d", "/a/d");
        expected.put("../../../x", "/x");
        expected.put("#top", "/a/b?q=1#top");
        expected.put("//cdn.example.com/s", "//cdn.example.com/s");
        expected.put("/wiki/\u041c\u043e\u0441\u043a\u0432\u0430", "/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0");
        expected.put("/caf\u00e9?x=%20", "/caf%C3%A9?x=%20");
        expected.put("/a\ud83d/b\ud83d\ude00", "/a%3F/b%F0%9F%98%80");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            try (AppServer s = new AppServer(new Application(List.of(url("/a/b", Lambda.class,
                    Map.of("body", (Consumer<RequestHandler>) h -> h.redirect(e.getKey()))))))) {
                RawHttp.Response r = s.get("/a/b?q=1");
                assertEquals(302, r.status(), e.getKey());
                assertEquals(e.getValue(), r.header("Location"), "redirect(\"" + e.getKey() + "\")");
            }
        }
        // An absolute-form target lends a relative URL its path, not its scheme and host.
        try (AppServer s = new AppServer(new Application(List.of(url("/a/b", Lambda.class,
                Map.of("body", (Consumer<RequestHandler>) h -> h.redirect("login"))))))) {
            RawHttp.Response r = RawHttp.exchange(s.port, "GET http://x/a/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("/a/login", r.header("Location"));
        }
        // Whitespace cannot be smuggled into Location to split the header.
        try (AppServer s = serve(h -> h.redirect("/x\r\nSet-Cookie: a=b"))) {
            RawHttp.Response r = s.get("/");
            assertEquals("/xSet-Cookie:a=b", r.header("Location"));
            assertTrue(r.headers("Set-Cookie").isEmpty());
        }
    }

    /**
     * A Content-Length the handler set itself is held to (RFC 9112 §6.3): a body finished in one
     * go that is shorter or longer gets a 500 before anything is sent, and the connection serves
     * its next request; a streamed body is refused the chunk that would pass it, and one that
     * ends short of it closes the connection after its last byte. Either way the client never
     * waits for bytes that will not come, and never reads the rest as the next response.
     */
    @Test
    void aContentLengthTheHandlerSetIsKept() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            // Finished in one go, longer and shorter; flushed first, longer, and with a length
            // that is not a number: each a 500, the head not yet sent.
            List<Consumer<RequestHandler>> handlers = List.of(
                    h -> { h.setHeader("Content-Length", 3); h.write("hello"); },
                    h -> { h.setHeader("Content-Length", 3); h.write("hi"); },
                    h -> { h.setHeader("Content-Length", 3); h.write("hello"); h.flush(); },
                    h -> { h.setHeader("Content-Length", "+3"); h.write("abc"); h.flush(); });
            for (int i = 0; i < handlers.size(); i++) {
                String body = "handler " + i;
                try (AppServer s = serve(handlers.get(i)); RawHttp c = new RawHttp(s.port)) {
                    c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(500, c.read(false).status(), body);
                    assertEquals(500, c.read(false).status(), "the connection still frames its answers, " + body);
                }
            }
            try (AppServer s = serve(h -> {
                h.setHeader("Content-Length", 10);
                h.write("hello");
                h.flush();
                h.write("hi");
            }); RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                String all = new String(c.readRaw(), StandardCharsets.ISO_8859_1);
                assertTrue(all.startsWith("HTTP/1.1 200"), all);
                assertTrue(all.endsWith("\r\n\r\nhellohi"), "seven bytes, then the end of the connection: " + all);
            }
            try (AppServer s = serve(h -> {
                h.setHeader("Content-Length", 3);
                h.write("he");
                h.flush();
                h.write("llo");
            }); RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                String all = new String(c.readRaw(), StandardCharsets.ISO_8859_1);
                assertTrue(all.endsWith("\r\n\r\nhe"), "two bytes, then the end of the connection: " + all);
            }
            assertTrue(log.thrown().stream().anyMatch(t -> String.valueOf(t.getMessage()).contains("passed its Content-Length")),
                    String.valueOf(log.thrown()));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("short of its Content-Length")), String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    /** A 1xx status is never the answer (RFC 9110 §15.2): the client gets a 500, not a wait for a final answer. */
    @Test
    void anInterimStatusIsNeverTheAnswer() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            for (int status : new int[] {100, 103}) {
                try (AppServer s = serve(h -> h.sendError(status))) {
                    assertEquals(500, s.get("/").status(), "sendError(" + status + ")");
                }
                try (AppServer s = serve(h -> { throw new HTTPError(status); })) {
                    RawHttp.Response r = s.get("/");
                    assertEquals(500, r.status(), "HTTPError(" + status + ")");
                    assertTrue(r.text().contains("500: Internal Server Error"), "the application's own error page: " + r.text());
                }
                try (AppServer s = serve(h -> h.setStatus(status))) {
                    assertEquals(500, s.get("/").status(), "setStatus(" + status + ")");
                }
            }
        } finally {
            log.remove();
        }
    }

    @Test
    void redirectHandlerIsPermanentByDefault() throws Exception {
        Application app = new Application(List.of(
                url("/old", RedirectHandler.class, Map.of("url", "/new")),
                url("/tmp", RedirectHandler.class, Map.of("url", "/new", "permanent", false))));
        try (AppServer s = new AppServer(app)) {
            RawHttp.Response r = s.get("/old");
            assertEquals(301, r.status());
            assertEquals("/new", r.header("Location"));
            assertEquals(302, s.get("/tmp").status());
        }
    }

    @Test
    void etagAndIfNoneMatch() throws Exception {
        try (AppServer s = serve(h -> h.write("same body"))) {
            RawHttp.Response first = s.get("/");
            String etag = first.header("Etag");
            assertNotNull(etag);
            assertTrue(etag.matches("\"[0-9a-f]{40}\""), etag);
            assertEquals(etag, s.get("/").header("Etag"), "the ETag depends only on the body");

            for (String inm : List.of(etag, "\"other\", " + etag, "W/" + etag, "*")) {
                RawHttp.Response r = s.exchange("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + inm
                        + "\r\nConnection: close\r\n\r\n");
                assertEquals(304, r.status(), inm);
                assertEquals(0, r.body().length);
                assertNull(r.header("Content-Length"));
                assertNull(r.header("Content-Type"));
                assertEquals(etag, r.header("Etag"));
            }
            RawHttp.Response stale = s.exchange("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"old\"\r\nConnection: close\r\n\r\n");
            assertEquals(200, stale.status());
            assertEquals("same body", stale.text());
        }
    }

    @Test
    void a304LeavesAKeepAliveConnectionUsable() throws Exception {
        try (AppServer s = serve(h -> h.write("body"))) {
            String etag = s.get("/").header("Etag");
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
                assertEquals(304, c.read(false).status());
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("body", c.read(false).text());
            }
        }
    }

    @Test
    void noEtagOnErrorsOrFlushedResponses() throws Exception {
        try (AppServer s = serve(h -> {
            h.write("x");
            h.flush();
        })) {
            assertNull(s.get("/").header("Etag"));
        }
        try (AppServer s = serve(h -> h.setStatus(404))) {
            assertNull(s.get("/").header("Etag"));
        }
    }

    @Test
    void writeAfterFinishIsAnError() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (AppServer s = serve(h -> {
            h.finish("done");
            h.write("more");
        })) {
            assertEquals("done", s.get("/").text());
            // The second write fails after the response went out; all we can do is log it.
            s.loop.run(() -> { });
            assertTrue(log.thrown().stream().anyMatch(e -> e.getMessage().contains("cannot write() after finish()")));
        } finally {
            log.remove();
        }
    }

    @Test
    void clearResetsStatusHeadersAndBody() throws Exception {
        try (AppServer s = serve(h -> {
            h.setStatus(404);
            h.setHeader("X-A", "1");
            h.write("discarded");
            h.clear();
            h.write("kept");
        })) {
            RawHttp.Response r = s.get("/");
            assertEquals(200, r.status());
            assertNull(r.header("X-A"));
            assertEquals("kept", r.text());
        }
    }

    @Test
    void setDefaultHeadersApplyToEveryResponseIncludingErrors() throws Exception {
        class WithDefaults extends RequestHandler {
            @Override
            protected void setDefaultHeaders() {
                setHeader("X-Frame-Options", "DENY");
            }

            @Override
            public void get(String... args) {
                throw new HTTPError(418);
            }
        }
        try (AppServer s = new AppServer(new Application(List.of(url("/", WithDefaults::new))))) {
            RawHttp.Response r = s.get("/");
            assertEquals(418, r.status());
            assertEquals("DENY", r.header("X-Frame-Options"));
            assertFalse(r.text().isEmpty());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
