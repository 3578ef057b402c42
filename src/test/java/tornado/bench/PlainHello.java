package tornado.bench;

import java.io.IOException;
import java.util.List;

import tornado.httpserver.HTTPServer;
import tornado.ioloop.IOLoop;
import tornado.walkthroughs.WalkthroughFlags;
import tornado.web.Application;
import tornado.web.RequestHandler;

import static tornado.web.URLSpec.url;

/**
 * Chapter 5's web layer sending the headers Netty's hello sends (bench/peers/netty): a
 * {@code Content-Type} of {@code text/plain}, the {@code Content-Length} and the body, 77 bytes
 * as Netty's are (Netty writes the names in lower case, HTTPHeaders stores them capitalized).
 * Three things differ from the hello walkthrough's answer: no {@code Server} and no {@code Date}
 * header, which every RequestHandler response starts with, {@code text/plain} instead of
 * {@code text/html; charset=UTF-8}, and no ETag, the SHA-1 of the body that {@code finish}
 * computes. The rest is the web layer as the hello walkthrough runs it: an Application routing
 * {@code /} (the first of hello's five routes), a handler made for the request, its header set,
 * {@code finish} and {@code flush}. Set against the hello walkthrough, it measures what Tornado's
 * fuller answer costs; set against uri-echo and Netty, what the web layer's machinery costs when
 * it sends Netty's headers (bench/README.adoc, "What it does").
 *
 * <pre>java -cp target/classes:target/test-classes tornado.bench.BenchServer hello-plain --port=8890</pre>
 */
public final class PlainHello {
    static final String NAME = "hello-plain";

    private PlainHello() {}

    /** The handler: Tornado's hooks make the three changes, {@code set_default_headers} and {@code compute_etag}. */
    public static final class Handler extends RequestHandler {
        @Override
        protected void setDefaultHeaders() {
            clearHeader("Server");
            clearHeader("Date");
            setHeader("Content-Type", "text/plain");
        }

        @Override
        public void get(String... args) {
            write("Hello, world");
        }

        // No ETag: Tornado's compute_etag returning None means the same.
        @Override
        protected String computeEtag() {
            return null;
        }
    }

    /** Serves on 127.0.0.1, port {@code --port=N}, on chapter 4's callback connection, as bench/run runs hello. */
    static void serve(String[] args) throws Exception {
        int port = 8890;
        for (String a : args) {
            if (a.startsWith("--port=")) port = Integer.parseInt(a.substring("--port=".length()));
            else throw new IllegalArgumentException("unknown flag " + a + "; hello-plain takes only --port=N");
        }
        IOLoop loop = new IOLoop();
        listen(loop, port);
        loop.start();
    }

    /** The server {@link #serve} runs, listening on {@code port} (0 for any) of 127.0.0.1; PlainHelloTest makes it too. */
    static HTTPServer listen(IOLoop loop, int port) throws IOException {
        return WalkthroughFlags.listen(application(), loop, port, "127.0.0.1", "callback");
    }

    /** The Application: {@code /} and its handler, nothing else (bench/WebCost.java times it too). */
    public static Application application() {
        return new Application(List.of(url("/", Handler.class)));
    }
}
