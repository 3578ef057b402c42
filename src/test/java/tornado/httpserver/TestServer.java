package tornado.httpserver;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.ioloop.IOLoop;

/**
 * An {@link HTTPServer} on 127.0.0.1, an ephemeral port and a fresh {@link IOLoop} running on its
 * own thread: one per test, so that no test sees another's state. {@link #close()} stops the
 * server and the loop and closes every socket the loop still holds, with bounded waits.
 */
final class TestServer implements AutoCloseable {
    final IOLoop loop = new IOLoop();
    final HTTPServer server;
    private final Thread thread;

    private TestServer(RequestCallback callback, HTTPServerOptions options) throws Exception {
        thread = new Thread(loop::start, "test-http-loop");
        thread.setDaemon(true);
        thread.start();
        // Build and bind on the loop's own thread, as a program's main would before start().
        server = onLoop(() -> {
            HTTPServer s = new HTTPServer(callback, loop, options, tornado.testing.Connections.current());
            s.listen(0, "127.0.0.1");
            return s;
        });
    }

    static TestServer start(RequestCallback callback) throws Exception {
        return new TestServer(callback, HTTPServerOptions.defaults());
    }

    static TestServer start(RequestCallback callback, HTTPServerOptions options) throws Exception {
        return new TestServer(callback, options);
    }

    int port() {
        return server.port();
    }

    /** A raw client connected to the server, reads bounded by a 5-second timeout. */
    RawClient connect() throws IOException {
        return new RawClient(new Socket("127.0.0.1", port()));
    }

    /** Runs {@code work} on the loop's thread and waits (at most 5 s) for its result. */
    <T> T onLoop(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.addCallback(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    /**
     * Waits until everything the loop had queued when this was called has run. A client that has
     * read its response knows the server wrote it, not that the server's {@code _on_write_complete}
     * (queued for the loop's next iteration at that moment) has run: the first empty callback may
     * land in that same iteration ahead of it, the second cannot.
     */
    void settle() throws Exception {
        onLoop(() -> null);
        onLoop(() -> null);
    }

    /**
     * Proves the server still serves: a new connection, a GET, a 200 with the expected body. The
     * tests of every bad input end with this, against a server whose callback is {@link #echo}.
     */
    void assertServes() throws IOException {
        try (RawClient c = connect()) {
            c.send("GET /still-serving HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.readResponse();
            if (r.status() != 200 || !r.text().equals("You requested /still-serving\n")) {
                throw new AssertionError("server no longer serves: " + r);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            onLoop(() -> {
                server.stop();
                return null;
            });
        } finally {
            loop.stop();
            thread.join(5_000);
            loop.close(true);
        }
    }

    // ------------------------------------------------------------------ request callbacks

    /** Tornado's example callback: {@code You requested <uri>}, headers only for HEAD. */
    static void echo(HTTPRequest request) {
        respond(request, 200, "OK", "You requested " + request.uri() + "\n");
    }

    /** Writes a complete response with a correct Content-Length, and finishes. */
    static void respond(HTTPRequest request, int code, String reason, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + code + " " + reason + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        request.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!request.method().equals("HEAD")) request.write(bytes);
        request.finish();
    }
}
