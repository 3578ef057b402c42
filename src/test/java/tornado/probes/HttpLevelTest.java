package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import tornado.testing.OnBothConnections;
import tornado.walkthroughs.UriEcho;

/**
 * Probes HTTPServer with a raw request callback: pipelining behind Content-Length and chunked
 * bodies (with extensions and trailers), Expect: 100-continue, HTTP/1.0 keep-alive, the
 * Connection option list (RFC 9110 §7.6.1), and a read buffer that stays small over 10,000
 * requests.
 */
class HttpLevelTest extends OnBothConnections {

    @Test
    void postWithContentLengthThenGetInOnePacket() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("POST /a 5 hello", w.read().text());
            assertEquals("GET /b 0 ", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void chunkedPostWithTrailersThenPipelinedGet() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: yes\r\nY: z\r\n\r\n"
                    + "GET /d HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("POST /c 11 hello world", w.read().text());
            assertEquals("GET /d 0 ", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void chunkedPostNoTrailersThenPipelinedPost() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "A\r\n0123456789\r\n0\r\n\r\n"
                    + "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
            assertEquals("POST /c 10 0123456789", w.read().text());
            assertEquals("POST /e 2 ok", w.read().text());
        }
    }

    /**
     * RFC 9110 §10.1.1 lets a server skip the 100 when the body is already there; like Tornado,
     * this server always sends it for an HTTP/1.1 request that expects it.
     */
    @Test
    void expectContinueBodySentWithoutWaitingThenPipelinedGet() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Resp r1 = w.read();
            assertEquals(100, r1.status());
            assertEquals("POST /e 3 abc", w.read().text());
            assertEquals("GET /f 0 ", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void expectContinueChunkedBodySentAtOnce() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            assertEquals(100, w.read().status());
            assertEquals("POST /e 3 abc", w.read().text());
        }
    }

    /**
     * RFC 9110 §10.1.1: when the final status follows from the header fields alone, the server
     * sends it at once instead of a 100. A Content-Length over the server's limit is such a case:
     * 413 and a close, and the client never starts sending its 200 MB.
     */
    @Test
    void expectContinueWithAContentLengthOverTheLimitIs413WithNo100() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 200000000\r\n\r\n");
            Wire.Resp r = w.read();
            assertEquals(413, r.status(), "the first answer is the refusal, not a 100: " + r);
            assertTrue(w.closedWithin(3000));
        }
    }

    /** RFC 9110 §10.1.1: an HTTP/1.0 request's 100-continue expectation MUST be ignored. */
    @Test
    void http10ExpectContinueGetsNo100() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            assertEquals("POST /e 3 abc", r.text());
        }
    }

    @Test
    void headOnUriEchoHasLengthNoBodyAndKeepsAlive() throws Exception {
        try (Fixtures f = Fixtures.raw(UriEcho::handleRequest); Wire w = f.connect()) {
            w.send("HEAD /xyz HTTP/1.1\r\nHost: x\r\n\r\nGET /xyz HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Resp h = w.read(true);
            assertEquals("You requested /xyz\n".length() + "", h.header("Content-Length"));
            Wire.Resp g = w.read();
            assertEquals("You requested /xyz\n", g.text());
            w.assertQuiet(200);
        }
    }

    @Test
    void http10KeepAliveRawServer() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("GET /1 0 ", w.read().text());
            w.send("GET /2 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
            assertEquals("GET /2 0 ", w.read().text());
            w.send("POST /3 HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nz");
            assertEquals("POST /3 1 z", w.read().text());
            w.send("GET /4 HTTP/1.0\r\n\r\n");
            assertEquals("GET /4 0 ", w.read().text());
            assertTrue(w.closedWithin(3000), "HTTP/1.0 without keep-alive must be closed");
        }
    }

    @Test
    void connectionCloseReallyCloses() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo)) {
            for (String v : new String[] {"close", "Close", "CLOSE"}) {
                try (Wire w = f.connect()) {
                    w.send("GET /c HTTP/1.1\r\nHost: x\r\nConnection: " + v + "\r\n\r\n");
                    assertEquals(200, w.read().status());
                    assertTrue(w.closedWithin(3000), "not closed for Connection: " + v);
                }
            }
        }
    }

    /** RFC 9110 §7.6.1: Connection is a comma-separated list of options. */
    @Test
    void connectionCloseAmongOtherOptionsCloses() throws Exception {
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("GET /c HTTP/1.1\r\nHost: x\r\nTE: trailers\r\nConnection: TE, close\r\n\r\n");
            assertEquals(200, w.read().status());
            assertTrue(w.closedWithin(3000), "server kept the connection open after 'Connection: TE, close'");
        }
    }

    @Test
    void pipelinedAfterConnectionCloseIsNotServed() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (Fixtures f = Fixtures.raw(r -> { served.incrementAndGet(); Fixtures.echo(r); }); Wire w = f.connect()) {
            w.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("GET /a 0 ", w.read().text());
            assertTrue(w.closedWithin(3000));
            assertEquals(1, served.get());
        }
    }

    @Test
    void tenThousandSequentialGetsBufferStaysSmall() throws Exception {
        AtomicInteger maxCap = new AtomicInteger();
        try (Fixtures f = Fixtures.raw(r -> {
            maxCap.accumulateAndGet(r.connection().stream().readBufferCapacity(), Math::max);
            Fixtures.echo(r);
        }); Wire w = f.connect()) {
            for (int i = 0; i < 10_000; i++) {
                w.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("GET /" + i + " 0 ", w.read().text());
            }
            assertTrue(maxCap.get() <= 8 * 1024, "read buffer grew to " + maxCap.get());
        }
    }

    @Test
    void tenThousandPipelinedGetsInBatches() throws Exception {
        AtomicInteger maxCap = new AtomicInteger();
        try (Fixtures f = Fixtures.raw(r -> {
            maxCap.accumulateAndGet(r.connection().stream().readBufferCapacity(), Math::max);
            Fixtures.echo(r);
        }); Wire w = f.connect()) {
            int n = 0;
            for (int batch = 0; batch < 100; batch++) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 100; i++) b.append("GET /").append(n + i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                w.send(b.toString());
                for (int i = 0; i < 100; i++) assertEquals("GET /" + (n + i) + " 0 ", w.read().text());
                n += 100;
            }
            // 100 requests are < 4 KB, a buffer may be a few of those at most
            assertTrue(maxCap.get() <= 64 * 1024, "read buffer grew to " + maxCap.get());
        }
    }

    @Test
    void writeAfterFinishOnConnectionThrows() throws Exception {
        AtomicInteger threw = new AtomicInteger();
        try (Fixtures f = Fixtures.raw(r -> {
            Fixtures.echo(r);
            try {
                r.write("garbage".getBytes());
            } catch (IllegalStateException e) {
                threw.incrementAndGet();
            }
        }); Wire w = f.connect()) {
            w.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("GET /a 0 ", w.read().text());
            assertEquals("GET /b 0 ", w.read().text());
            w.assertQuiet(200);
            assertEquals(2, threw.get());
        }
    }
}
