package tornado.probes;

import java.nio.charset.StandardCharsets;

import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.RequestCallback;
import tornado.testing.Connections;
import tornado.testing.LoopThread;
import tornado.web.Application;

/**
 * The probes' server fixture: an HTTPServer (a raw request callback or an Application) listening on
 * an ephemeral port of 127.0.0.1, on its own {@link LoopThread}, served by the connection of the
 * current run ({@link Connections}: the probe classes extend {@code OnBothConnections}, so each
 * probe runs on chapter 4's callback connection and on chapter 7's coroutine one). Closing it
 * stops the server on its loop and then closes the loop with every socket it still owns.
 */
final class Fixtures implements AutoCloseable {
    final LoopThread lt = new LoopThread();
    final HTTPServer server;
    final int port;

    private Fixtures(RequestCallback cb, HTTPServerOptions opts) throws Exception {
        server = lt.call(() -> {
            HTTPServer s = new HTTPServer(cb, lt.loop, opts, Connections.current());
            s.listen(0, "127.0.0.1");
            return s;
        });
        port = server.port();
    }

    static Fixtures raw(RequestCallback cb) throws Exception {
        return new Fixtures(cb, HTTPServerOptions.defaults());
    }

    static Fixtures raw(RequestCallback cb, HTTPServerOptions o) throws Exception {
        return new Fixtures(cb, o);
    }

    static Fixtures app(Application app) throws Exception {
        return new Fixtures(app, HTTPServerOptions.defaults());
    }

    static Fixtures app(Application app, HTTPServerOptions o) throws Exception {
        return new Fixtures(app, o);
    }

    Wire connect() throws Exception {
        return new Wire(port);
    }

    /** A GET / on a new connection is answered 200: the health check between rounds of abuse. */
    void assertServes() throws Exception {
        try (Wire w = connect()) {
            w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Resp r = w.read();
            if (r.status() != 200) throw new AssertionError("server no longer serves: " + r);
        }
    }

    /** "<METHOD> <uri> <bodylen> <body>" with Content-Length; no body for HEAD. */
    static void echo(HTTPRequest r) {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        byte[] msg = (r.method() + " " + r.uri() + " " + body.length + " " + new String(body, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + msg.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (!r.method().equals("HEAD")) r.write(msg);
        r.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            lt.run(server::stop);
        } finally {
            lt.close();
        }
    }
}
