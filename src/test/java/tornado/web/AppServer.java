package tornado.web;

import java.io.IOException;

import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.testing.LoopThread;

/**
 * An application served on 127.0.0.1 on a free port, from its own loop thread: each test gets a
 * fresh one (Tornado's {@code AsyncHTTPTestCase} does the same), and closing it stops the server
 * and the loop within bounded time.
 */
final class AppServer implements AutoCloseable {
    final LoopThread loop = new LoopThread();
    final Application app;
    final HTTPServer server;
    final int port;

    AppServer(Application app) throws Exception {
        this(app, HTTPServerOptions.defaults());
    }

    /** As {@link #AppServer(Application)}, with the server's options given. */
    AppServer(Application app, HTTPServerOptions options) throws Exception {
        this.app = app;
        // The server must be made on the loop's thread: its sockets belong to that loop.
        this.server = loop.call(() -> {
            HTTPServer s = new HTTPServer(app, loop.loop, options, tornado.testing.Connections.current());
            s.listen(0, "127.0.0.1");
            return s;
        });
        this.port = server.port();
    }

    RawHttp.Response get(String path) throws IOException {
        return RawHttp.get(port, path);
    }

    RawHttp.Response exchange(String raw) throws IOException {
        return RawHttp.exchange(port, raw);
    }

    @Override
    public void close() throws Exception {
        loop.run(server::stop);
        loop.close();
    }
}
