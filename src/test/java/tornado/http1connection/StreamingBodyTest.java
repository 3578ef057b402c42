package tornado.http1connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.testing.LoopThread;
import tornado.walkthroughs.Hello;
import tornado.web.Application;
import tornado.web.RequestHandler;

import static tornado.web.URLSpec.url;

/**
 * Chapter 7's streamed request bodies on the coroutine connection: a {@link StreamRequestBody}
 * handler gets the body piece by piece, the connection waits for each piece's future before it
 * reads the next (flow control), the handler's own limit replaces the server's, and the hello
 * walkthrough's {@code /upload-sha256} answers the SHA-256 of a Content-Length and of a chunked body.
 */
class StreamingBodyTest {

    /** The pieces the held handler saw, and the future of the latest one, which the test completes. */
    static final List<Integer> pieces = new ArrayList<>();
    static volatile Future<Void> held;
    static final CompletableFuture<Void> firstPiece = new CompletableFuture<>();

    @StreamRequestBody(maxBodySize = 1 << 20)
    public static final class HeldHandler extends RequestHandler implements StreamingHandler {
        private long total;

        @Override
        public Future<?> dataReceived(byte[] chunk) {
            pieces.add(chunk.length);
            total += chunk.length;
            held = new Future<>();
            firstPiece.complete(null);
            return held;
        }

        @Override
        public void post(String... args) {
            write("got " + total);
        }
    }

    /** Answers as soon as the body begins: writes and flushes its head and a first piece. */
    @StreamRequestBody
    public static final class EarlyAnswerHandler extends RequestHandler implements StreamingHandler {
        private boolean answered;

        @Override
        public Future<?> dataReceived(byte[] chunk) {
            if (!answered) {
                answered = true;
                write("early ");
                flush();
            }
            return null;
        }

        @Override
        public void post(String... args) {
            write("late");
        }
    }

    private static HTTPServer serve(LoopThread loop, Application app) throws Exception {
        return loop.call(() -> {
            HTTPServer s = new HTTPServer(app, loop.loop, HTTPServerOptions.defaults(), HTTP1ServerConnection.FACTORY);
            s.listen(0, "127.0.0.1");
            return s;
        });
    }

    /**
     * A body that goes wrong after the handler has begun its answer cannot be answered with a 400:
     * the client would read that status line as part of the first answer. The connection closes,
     * and the client sees one answer, cut short.
     */
    @Test
    void aBodyThatGoesWrongAfterTheAnswerBeganClosesWithoutASecondStatusLine() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, new Application(List.of(url("/early", EarlyAnswerHandler.class))));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /early HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                // Wait for the early answer's head before the bad chunk-size line goes out.
                while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) got.write(in.read());
                out.write("zz\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                try {
                    in.transferTo(got);
                } catch (java.net.SocketException reset) {
                    // A close with unread bytes may arrive as a reset; what came before counts.
                }
                String answer = got.toString(StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                assertEquals(1, answer.split("HTTP/1\\.1 ", -1).length - 1, "one status line only: " + answer);
            }
            loop.run(server::stop);
        }
    }

    @Test
    void theNextPieceIsReadOnlyWhenTheHandlersFutureIsDone() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, new Application(List.of(url("/held", HeldHandler.class))));
            byte[] body = new byte[300_000];
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                firstPiece.get(10, TimeUnit.SECONDS);
                // Several loop passes with the first future still pending: no second piece.
                for (int i = 0; i < 5; i++) loop.call(() -> null);
                assertEquals(1, loop.call(pieces::size), "the connection waits for the handler's future");
                // Release each piece as it comes until the body is in.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (loop.call(() -> pieces.stream().mapToInt(Integer::intValue).sum()) < body.length) {
                    // The message is built only on failure, and then on the loop: the loop adds to pieces.
                    assertTrue(System.nanoTime() < deadline, () -> "the body did not arrive within 10 s: " + piecesSeen(loop));
                    loop.run(() -> {
                        if (!held.done()) held.setResult(null);
                    });
                }
                loop.run(() -> {
                    if (!held.done()) held.setResult(null);
                });
                String answer = readAll(s.getInputStream(), "got " + body.length);
                assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
                assertTrue(loop.call(() -> pieces.stream().allMatch(n -> n <= HTTP1ConnectionParameters.DEFAULT_CHUNK_SIZE)),
                        "no piece is larger than chunkSize: " + pieces);
            }
            loop.run(server::stop);
        }
    }

    @Test
    void theHandlersOwnLimitReplacesTheServers() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, new Application(List.of(url("/held", HeldHandler.class))));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = readAll(s.getInputStream(), "bytes\n");
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertTrue(answer.contains("Content-Length 2000000 is larger than this server's limit of 1048576 bytes"), answer);
            }
            loop.run(server::stop);
        }
    }

    @Test
    void uploadSha256HashesContentLengthAndChunkedBodies() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, Hello.application());
            byte[] body = new byte[1_000_003];
            for (int i = 0; i < body.length; i++) body[i] = (byte) (i * 31);
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /upload-sha256 HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                assertTrue(readAll(s.getInputStream(), hex).contains(hex));
            }
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("POST /upload-sha256 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int off = 0; off < body.length; off += 100_000) {
                    int n = Math.min(100_000, body.length - off);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertTrue(readAll(s.getInputStream(), hex).contains(hex));
            }
            loop.run(server::stop);
        }
    }

    /** Reads until {@code until} has arrived (bounded by the socket's timeout). */
    /** The pieces so far, read on the loop that adds to them. */
    private static String piecesSeen(LoopThread loop) {
        try {
            return loop.call(pieces::toString);
        } catch (Exception e) {
            return "(not known: " + e + ")";
        }
    }

    private static String readAll(InputStream in, String until) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(until)) {
            int n = in.read(buf);
            if (n < 0) break;
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
