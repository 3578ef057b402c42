package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * A client that pipelines request after request and reads nothing fills its socket; the server
 * must then stop reading its requests, not queue every answer on its heap. Chapter 4's connection
 * reads the next request only once an answer has gone; chapter 7's goes on while little is queued
 * and waits above 64 KiB (chapter 7, "What it costs"). Both are held to the same bound: when a
 * request is handled, at most 64 KiB of earlier answers may still be queued.
 *
 * <p>The kernel's buffers are made small on both sides (a few KiB), so that the queue is what
 * holds the answers. The client reads nothing until the server has handled its first request
 * and the loop has run ten more turns; a server without the bound goes on handling the pipelined
 * requests in those turns, each adding 32 KiB to its queue, and a handler sees more than 64 KiB
 * queued. (Chapter 4's connection handles only the first until the client reads: its 32 KiB
 * answer does not fit in the kernel's buffers, and the next request waits for it to leave.)
 */
class PipelineBackpressureTest extends tornado.testing.OnBothConnections {
    private static final int REQUESTS = 400;
    private static final String BODY = "x".repeat(32 * 1024);

    @Test
    void aPipeliningClientThatDoesNotReadIsPausedNotBuffered() throws Exception {
        AtomicLong mostQueued = new AtomicLong();
        AtomicInteger handled = new AtomicInteger();
        RequestCallback answer = request -> {
            try {
                if (handled.get() == 0) request.connection().stream().channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            mostQueued.accumulateAndGet(request.connection().stream().writeBufferSize(), Math::max);
            handled.incrementAndGet();
            TestServer.respond(request, 200, "OK", BODY);
        };
        try (TestServer server = TestServer.start(answer);
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            try (RawClient client = new RawClient(socket)) {
                client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(REQUESTS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.onLoop(handled::get) < 1) {
                    assertTrue(System.nanoTime() < deadline, "the server did not handle the first request within 10 s");
                }
                for (int turn = 0; turn < 5; turn++) server.settle();
                for (int i = 0; i < REQUESTS; i++) {
                    RawClient.Response r = client.readResponse();
                    assertEquals(200, r.status(), "answer " + i);
                    assertEquals(BODY.length(), r.text().length(), "answer " + i);
                }
            }
        }
        assertTrue(mostQueued.get() <= 64 * 1024,
                "at most 64 KiB of answers queued when a request is handled, but there were " + mostQueued.get() + " bytes");
    }
}
