package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.http1connection.HTTP1Connection;
import tornado.http1connection.HTTP1ServerConnection;
import tornado.http1connection.HTTPMessageDelegate;
import tornado.http1connection.HTTPServerConnectionDelegate;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.RequestCallback;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.RequestStartLine;
import tornado.testing.Connections;

/**
 * The 4.x way to answer, on chapter 7's connection only (chapter 4's has no such API): a delegate
 * that calls {@code writeHeaders} with no length, then {@code write} and {@code finish}, and lets
 * the connection frame the body. Chunked for HTTP/1.1, ended by the close for HTTP/1.0, and
 * nothing at all after the head of a HEAD, 204 or 304 (RFC 9112 §6.3): a stray last-chunk there
 * would be read as the start of the next response.
 */
class WriteHeadersTest {
    /** Answers every request with "hello" in two writes, its headers naming no length. */
    static final class FourXAnswer implements RequestCallback, HTTPServerConnectionDelegate {
        @Override
        public void handle(HTTPRequest request) {
            throw new IllegalStateException("the coroutine connection asks startRequest, never this");
        }

        @Override
        public HTTPMessageDelegate startRequest(HTTP1ServerConnection server, HTTP1Connection conn) {
            return new HTTPMessageDelegate() {
                private int code = 200;
                private boolean head;

                @Override
                public Future<?> headersReceived(RequestStartLine startLine, HTTPHeaders headers) {
                    if (startLine.path().startsWith("/status/")) code = Integer.parseInt(startLine.path().substring(8));
                    head = startLine.method().equals("HEAD");
                    return null;
                }

                @Override
                public Future<?> dataReceived(byte[] chunk) {
                    return null;
                }

                @Override
                public void finish() {
                    // As a handler does: no body for a HEAD (the connection would refuse it).
                    boolean body = code != 204 && code != 304 && !head;
                    conn.writeHeaders(code, null, new HTTPHeaders(), body ? bytes("hel") : null);
                    if (body) conn.write(bytes("lo"));
                    conn.finish();
                }

                @Override
                public void onConnectionClose() {}
            };
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Fixtures coroutineServer() throws Exception {
        Connections.use("coroutine");
        try {
            return Fixtures.raw(new FourXAnswer());
        } finally {
            Connections.use("callback");
        }
    }

    @Test
    void withNoLengthAnHttp11AnswerIsChunkedAndAnHttp10OneEndsWithTheClose() throws Exception {
        try (Fixtures f = coroutineServer()) {
            try (Wire w = f.connect()) {
                w.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
                for (int i = 0; i < 2; i++) {
                    Wire.Resp r = w.read();
                    assertTrue(r.chunked(), r.toString());
                    assertEquals("hello", r.text());
                    assertEquals(List.of(3, 2, 0), r.chunkSizes());
                }
                w.assertQuiet(200);
            }
            try (Wire w = f.connect()) {
                w.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                Wire.Resp r = w.read(); // no length: read to the end of file
                assertNull(r.header("Transfer-Encoding"), "HTTP/1.0 has no chunked coding (RFC 9112 §6.1)");
                assertEquals("close", r.header("Connection"), r.toString());
                assertEquals("hello", r.text());
            }
        }
    }

    /** Tornado 4.5 wrote the last-chunk after a HEAD's head too; Tornado 6.1 fixed it (a HEAD answer has no body). */
    @Test
    void headAnd204And304AnswersHaveNoBodyAtAllAndTheNextAnswerParses() throws Exception {
        try (Fixtures f = coroutineServer(); Wire w = f.connect()) {
            w.send("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\nGET /status/204 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /status/304 HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Resp head = w.read(true);
            assertEquals(200, head.status());
            Wire.Resp noContent = w.read();
            assertEquals(204, noContent.status(), "what followed the HEAD's head: " + noContent);
            assertNull(noContent.header("Transfer-Encoding"), "a 204 has no framing fields (RFC 9110 §8.6)");
            Wire.Resp notModified = w.read();
            assertEquals(304, notModified.status(), notModified.toString());
            Wire.Resp last = w.read();
            assertEquals("hello", last.text());
            w.assertQuiet(200);
        }
    }
}
