package tornado.iostream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;

/**
 * The four-argument {@code readUntil}: passing {@code maxBytes} hands control back to the caller
 * with the stream still open, so that it can answer (chapter 4's 431) before closing. The
 * three-argument form still closes at once, as Tornado does.
 */
class ReadUntilOnMaxBytesTest {
    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private IOLoop loop;
    private Thread thread;
    private ServerSocketChannel listener;

    @BeforeEach
    void start() throws Exception {
        loop = new IOLoop();
        thread = new Thread(loop::start, "test-loop");
        thread.start();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        loop.stop();
        thread.join(5_000);
        loop.close(true);
        listener.close();
    }

    /** Connects a client, and wraps the server's end in an IOStream on the loop. */
    private Socket connect(CompletableFuture<IOStream> stream) throws Exception {
        Socket client = new Socket();
        client.setSoTimeout(5_000);
        client.connect(listener.getLocalAddress());
        SocketChannel accepted = listener.accept();
        loop.addCallback(() -> stream.complete(new IOStream(accepted, loop)));
        stream.get(5, TimeUnit.SECONDS);
        return client;
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void onMaxBytesRunsWithTheStreamOpenSoTheOwnerCanAnswer() throws Exception {
        CompletableFuture<IOStream> stream = new CompletableFuture<>();
        CompletableFuture<Boolean> wasOpen = new CompletableFuture<>();
        try (Socket client = connect(stream)) {
            IOStream s = stream.get();
            loop.addCallback(() -> s.readUntil(CRLFCRLF, data -> wasOpen.completeExceptionally(
                    new AssertionError("the read must not be satisfied")), 10, () -> {
                wasOpen.complete(!s.closed() && !s.reading());
                s.write("too long".getBytes(StandardCharsets.US_ASCII), s::close);
            }));
            client.getOutputStream().write("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));
            assertTrue(wasOpen.get(5, TimeUnit.SECONDS), "stream open and no read pending when onMaxBytes runs");
            assertEquals("too long", readAll(client.getInputStream()));
        }
    }

    @Test
    void withoutOnMaxBytesTheStreamClosesWithUnsatisfiableRead() throws Exception {
        CompletableFuture<IOStream> stream = new CompletableFuture<>();
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        try (Socket client = connect(stream)) {
            IOStream s = stream.get();
            loop.addCallback(() -> {
                s.setCloseCallback(() -> closedWith.complete(s.error()));
                s.readUntil(CRLFCRLF, data -> { }, 10);
            });
            client.getOutputStream().write("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));
            assertInstanceOf(UnsatisfiableReadException.class, closedWith.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSatisfiedReadLeavesNoOnMaxBytesBehindForTheNextRead() throws Exception {
        CompletableFuture<IOStream> stream = new CompletableFuture<>();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        CompletableFuture<Boolean> calledBack = new CompletableFuture<>();
        try (Socket client = connect(stream)) {
            IOStream s = stream.get();
            loop.addCallback(() -> {
                s.setCloseCallback(() -> closedWith.complete(s.error()));
                s.readUntil(CRLFCRLF, data -> {
                    first.complete(new String(data, StandardCharsets.ISO_8859_1));
                    // The next read has a limit but no onMaxBytes: it must close, not call back.
                    s.readUntil(CRLFCRLF, more -> { }, 10);
                }, 100, () -> calledBack.complete(true));
            });
            client.getOutputStream().write("ab\r\n\r\n0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ab\r\n\r\n", first.get(5, TimeUnit.SECONDS));
            assertInstanceOf(UnsatisfiableReadException.class, closedWith.get(5, TimeUnit.SECONDS));
            assertFalse(calledBack.isDone());
        }
    }
}
