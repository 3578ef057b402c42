import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.bench.PlainHello;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.RequestConnection;
import tornado.httputil.HTTPHeaders;
import tornado.iostream.IOStream;
import tornado.walkthroughs.Hello;
import tornado.walkthroughs.UriEcho;
import tornado.web.Application;

/**
 * What one request costs in Java alone above the connection, without a socket: a request as
 * chapter 4's connection makes it ({@code GET /} with a {@code Host}) handed to chapter 5's hello
 * Application, to the benchmark's hello-plain Application, which sends the headers Netty's hello
 * sends ({@code tornado.bench.PlainHello}), and to chapter 4's uri-echo callback, each answered
 * into a connection that only counts the bytes; in ns per request, the best of eight rounds of
 * 1,000,000. The difference between the first two is what Tornado's answer costs the web layer
 * (the ETag, a SHA-1 of the body, the Server and Date headers, the longer Content-Type); between
 * the last two, what routing, the handler and its header set cost. The Benchmarks page sets these beside the end-to-end figures.
 *
 * <pre>java -cp target/classes:target/test-classes bench/WebCost.java</pre>
 */
public class WebCost {
    static long sink;

    /** A connection that takes every write at once and counts its bytes. */
    static final class Counting implements RequestConnection {
        private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

        public void write(byte[] chunk, Runnable callback) {
            sink += chunk.length;
            if (callback != null) callback.run();
        }

        public void finish() {}

        public void setCloseCallback(Runnable callback) {}

        public void close() {}

        public boolean willKeepAlive(HTTPRequest request) {
            return true;
        }

        public IOStream stream() {
            return null;
        }

        public InetSocketAddress address() {
            return PEER;
        }

        public boolean xheaders() {
            return false;
        }
    }

    public static void main(String[] args) {
        Logger.getLogger("tornado.access").setLevel(Level.WARNING);
        Application hello = Hello.application();
        Application plain = PlainHello.application();
        measure("hello (chapter 5)", hello::handle);
        measure("hello-plain (chapter 5, Netty's headers)", plain::handle);
        measure("uri-echo (chapter 4)", UriEcho::handleRequest);
    }

    static void measure(String what, Consumer<HTTPRequest> serve) {
        Counting connection = new Counting();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            int n = 1_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HTTPHeaders headers = new HTTPHeaders();
                headers.add("Host", "127.0.0.1:8890");
                serve.accept(new HTTPRequest(connection, "GET", "/", "HTTP/1.1", headers));
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) n);
        }
        System.out.printf("%-40s %6.1f ns per request%n", what, best);
    }
}
