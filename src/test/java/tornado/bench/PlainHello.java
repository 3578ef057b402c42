package tornado.bench;

import java.util.List;

import tornado.ioloop.IOLoop;
import tornado.walkthroughs.WalkthroughFlags;
import tornado.web.Application;
import tornado.web.RequestHandler;

import static tornado.web.URLSpec.url;

/**
 * Chapter 5's hello made to send the bytes Netty's hello sends (bench/peers/netty): a
 * {@code Content-Type} of {@code text/plain}, the {@code Content-Length} and the body, without
 * the {@code Server} and {@code Date} headers every RequestHandler response starts with and
 * without the ETag that {@code finish} computes (a SHA-1 of the body). Everything else is the
 * web layer as the hello walkthrough runs it: the Application's routing, a handler made for the
 * request, the header set, {@code finish} and {@code flush}. Set against the hello walkthrough,
 * it measures what Tornado's fuller response costs; set against uri-echo and Netty, what the web
 * layer's machinery costs when both sides send the same bytes (bench/README.adoc, "What is
 * measured").
 *
 * <pre>java -cp target/classes:target/test-classes tornado.bench.BenchServer hello-plain --port=8890</pre>
 */
public final class PlainHello {
    static final String NAME = "hello-plain";

    private PlainHello() {}

    /** The handler: Tornado's hooks for the two changes, {@code set_default_headers} and {@code compute_etag}. */
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

    /** Serves on {@code --port=N} (127.0.0.1), on the connection {@code --connection=} names. */
    static void serve(String[] args) throws Exception {
        int port = 8890;
        String connection = "callback";
        for (String a : args) {
            if (a.startsWith("--port=")) port = Integer.parseInt(a.substring("--port=".length()));
            else if (a.startsWith("--connection=")) connection = a.substring("--connection=".length());
            else throw new IllegalArgumentException("unknown flag " + a + "; hello-plain takes --port=N and --connection=NAME");
        }
        IOLoop loop = new IOLoop();
        WalkthroughFlags.listen(new Application(List.of(url("/", Handler.class))), loop, port, "127.0.0.1", connection);
        loop.start();
    }
}
