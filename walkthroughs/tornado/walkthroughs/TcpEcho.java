package tornado.walkthroughs;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.netutil.TCPServer;

/**
 * Chapter 3's walkthrough: a TCP echo server, the smallest server that uses every layer so far.
 * Each line a client sends comes straight back.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=tcp-echo -Dargs="--trace"
 *   nc -N 127.0.0.1 8888        (Debian's netcat: -N or -q1 closes after Ctrl-D)
 * </pre>
 *
 * It is Tornado's classic {@code EchoServer(TCPServer)} in Java: {@code handleStream} starts a
 * {@code readUntil("\n")}, the callback writes the line back and starts the next read. Nothing
 * blocks, so one thread serves every client.
 */
public final class TcpEcho implements Walkthrough {

    // tag::echo[]
    /** The server: one {@link EchoConnection} per accepted stream. */
    public static final class EchoServer extends TCPServer {
        public EchoServer(IOLoop loop) {
            super(loop);
        }

        @Override
        protected void handleStream(IOStream stream, InetSocketAddress address) {
            new EchoConnection(stream).readLine();
        }
    }

    /** One client's conversation: read a line, write it back, read the next. */
    static final class EchoConnection {
        private final IOStream stream;

        EchoConnection(IOStream stream) {
            this.stream = stream;
        }

        void readLine() {
            // The chain waits here: the stream registers READ with the loop and returns. When
            // the line has arrived, the loop calls onLine on a later iteration.
            stream.readUntil("\n".getBytes(StandardCharsets.US_ASCII), this::onLine, 64 * 1024);
        }

        private void onLine(byte[] line) {
            if (stream.closed()) return;
            stream.write(line, null);
            readLine();
        }
    }
    // end::echo[]

    @Override
    public String name() {
        return "tcp-echo";
    }

    @Override
    public String chapter() {
        return "03-netutil";
    }

    @Override
    public int defaultPort() {
        return 8888;
    }

    @Override
    public String summary() {
        return "a TCP echo server: every line a client sends comes straight back";
    }

    @Override
    public void serve(String[] args) throws Exception {
        WalkthroughFlags flags = WalkthroughFlags.parse(this, args);
        if (flags == null) return;
        IOLoop loop = new IOLoop();
        EchoServer server = new EchoServer(loop);
        server.listen(flags.port(), flags.address());
        System.err.println("tcp-echo: listening on " + flags.address() + ":" + server.port()
                + " — try: nc " + flags.address() + " " + server.port());
        loop.start();
    }

    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> {
            EchoServer server = new EchoServer(loop);
            server.listen(0, "127.0.0.1");
            return server;
        })) {
            int port = r.server().port();
            // Our own client: an IOStream on the same loop, which connects, sends two lines and
            // reads them back. The trace shows the client's steps too, under its own number.
            CompletableFuture<String> answer = new CompletableFuture<>();
            r.loop().addCallback(() -> {
                try {
                    IOStream client = new IOStream(SocketChannel.open(), r.loop());
                    client.setCloseCallback(() -> answer.completeExceptionally(
                            new IllegalStateException("echo connection closed early", client.error())));
                    client.connect(new InetSocketAddress("127.0.0.1", port), () -> {
                        client.write("hello\nworld\n");
                        byte[] nl = "\n".getBytes(StandardCharsets.US_ASCII);
                        client.readUntil(nl, first -> client.readUntil(nl, second -> {
                            answer.complete(new String(first, StandardCharsets.UTF_8)
                                    + new String(second, StandardCharsets.UTF_8));
                            client.close();
                        }));
                    });
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer.get(10, TimeUnit.SECONDS);
        }
    }
}
