package tornado.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.gen.Gen.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.gen.Gen;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.iostream.StreamClosedException;

class FutureStreamTest {

    /** A blocking peer on a platform thread: answers each line with "echo: line", then closes. */
    private static Thread peer(ServerSocket listener, int lines, boolean closeAtOnce) {
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                if (closeAtOnce) return;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < lines; i++) {
                    StringBuilder line = new StringBuilder();
                    int c;
                    while ((c = in.read()) != -1 && c != '\n') line.append((char) c);
                    out.write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("bye".getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "echo-peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void connectWriteAndReadsAsFuturesInACoroutine() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             IOLoop loop = new IOLoop()) {
            Thread p = peer(listener, 2, false);
            List<String> got = Gen.runSync(loop, () -> {
                FutureStream s = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
                await(s.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort())));
                List<String> out = new ArrayList<>();
                await(s.write("one\n".getBytes(StandardCharsets.US_ASCII)));
                out.add(new String(await(s.readUntil("\n".getBytes(StandardCharsets.US_ASCII))), StandardCharsets.US_ASCII));
                s.write("two\n".getBytes(StandardCharsets.US_ASCII));
                out.add(new String(await(s.readBytes(10)), StandardCharsets.US_ASCII));
                out.add(new String(await(s.readUntilClose()), StandardCharsets.US_ASCII));
                return out;
            });
            assertEquals(List.of("echo: one\n", "echo: two\n", "bye"), got);
            p.join(10_000);
        }
    }

    @Test
    void aStreamThatClosesFailsThePendingReadWithStreamClosed() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             IOLoop loop = new IOLoop()) {
            peer(listener, 0, true);
            boolean[] closeCallbackRan = {false};
            StreamClosedException e = assertThrows(StreamClosedException.class, () -> Gen.runSync(loop, () -> {
                FutureStream s = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
                s.setCloseCallback(() -> closeCallbackRan[0] = true);
                await(s.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort())));
                return await(s.readUntil("\n".getBytes(StandardCharsets.US_ASCII)));
            }));
            assertTrue(e.getMessage().startsWith("Stream is closed"), e.getMessage());
            assertTrue(closeCallbackRan[0]);
        }
    }

    /**
     * A write still under way when the stream closes fails with StreamClosedException, and its
     * failure counts as retrieved, as Tornado 6's _signal_closed makes it: a coroutine that was
     * writing to a client who hung up need not look at that write again, and nothing is logged
     * as "never retrieved" when the future is dropped.
     */
    @Test
    void aWriteFailedByTheCloseIsNeverLoggedAsUnretrieved() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             IOLoop loop = new IOLoop()) {
            Thread p = peer(listener, 0, false);
            List<Boolean> seen = Gen.runSync(loop, () -> {
                FutureStream s = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
                Future<Void> closed = new Future<>();
                s.setCloseCallback(() -> closed.setResult(null));
                await(s.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort())));
                // More than the kernel takes at once: the write is still under way when the
                // stream closes (the peer reads none of it and goes away).
                Future<Void> write = s.write(new byte[32 * 1024 * 1024]);
                s.close();
                await(closed);
                return List.of(write.done(), write.failureUnretrieved(), write.exception() instanceof StreamClosedException);
            });
            assertEquals(List.of(true, false, true), seen, "done, failure unretrieved, failed with StreamClosedException");
            p.join(10_000);
        }
    }

    @Test
    void aRefusedConnectFailsTheConnectFuture() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (IOLoop loop = new IOLoop()) {
            StreamClosedException e = assertThrows(StreamClosedException.class, () -> Gen.runSync(loop, () -> {
                FutureStream s = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
                return await(s.connect(new InetSocketAddress("127.0.0.1", port)));
            }));
            assertTrue(e.getCause() != null, "the cause says why the connect failed");
        }
    }

    /**
     * Chapter 2's half-close rule across this layer's loop turn: the peer sends a line and shuts
     * down its sending side at once; the coroutine gets the line a turn after the stream's
     * callback, and the stream must still be open then for its answer (FutureStream holds it,
     * IOStream.holdForCallback). Many rounds: the line and the end of file arrive in one read or
     * in two.
     */
    @Test
    void aCoroutineCanAnswerALineFromAPeerThatHalfClosedRightAfterIt() throws Exception {
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open();
             IOLoop loop = new IOLoop()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (int round = 0; round < 20; round++) {
                try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort())) {
                    client.setSoTimeout(5_000);
                    SocketChannel accepted = listener.accept();
                    client.getOutputStream().write(("line " + round + "\n").getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    Gen.runSync(loop, () -> {
                        FutureStream s = new FutureStream(new IOStream(accepted, IOLoop.current()));
                        byte[] line = await(s.readUntil("\n".getBytes(StandardCharsets.US_ASCII)));
                        await(s.write(("got " + new String(line, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII)));
                        s.close();
                        return null;
                    });
                    String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertEquals("got line " + round + "\n", answer, "round " + round);
                }
            }
        }
    }
}
