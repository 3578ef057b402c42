package tornado.probes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tornado.httpserver.ConnectionFactory;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.ioloop.IOLoop;
import tornado.testing.Connections;

/**
 * The server the forked resilience tests start in a JVM of their own (a small heap, a low
 * descriptor limit): an HTTPServer on an ephemeral port of 127.0.0.1 whose port it prints as
 * {@code PORT <n>} on standard output. It exits when its standard input closes, so that it cannot
 * outlive the test that started it.
 *
 * <p>Arguments are {@code name=value}: {@code connection} ({@code callback}, the default, or
 * {@code coroutine}: which of the two connections serves, see {@link Connections}),
 * {@code bodyTimeoutMs}, {@code budget} (bytes, or the heap-derived default), {@code maxConnections}. Paths: {@code /oom} makes a real allocation far
 * larger than any heap (an {@code OutOfMemoryError} in the handler); a request with a body is
 * answered with its length; anything else with {@code ok}.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        HTTPServerOptions options = HTTPServerOptions.defaults();
        ConnectionFactory connection = ConnectionFactory.CALLBACK;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "connection" -> connection = Connections.named(kv[1]);
                case "bodyTimeoutMs" -> options = options.withBodyTimeout(Duration.ofMillis(Long.parseLong(kv[1])));
                case "budget" -> options = options.withMaxBufferedBodyBytes(Long.parseLong(kv[1]));
                case "maxConnections" -> options = options.withMaxConnections(Integer.parseInt(kv[1]));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        IOLoop loop = new IOLoop();
        HTTPServer server = new HTTPServer(ServerMain::handle, loop, options, connection);
        server.listen(0, "127.0.0.1");
        System.out.println("PORT " + server.port() + " budget=" + options.maxBufferedBodyBytes());
        System.out.flush();
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) { }
            } catch (java.io.IOException ignored) {
                // the test has gone: exit all the same
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        loop.start();
    }

    private static void handle(HTTPRequest r) {
        if (r.path().equals("/oom")) {
            long[] huge = new long[Integer.MAX_VALUE - 16]; // 16 GiB: no test heap has that
            huge[0] = 1;
        }
        byte[] body = r.body() != null && r.body().length > 0
                ? ("got " + r.body().length + " bytes\n").getBytes(StandardCharsets.US_ASCII)
                : "ok\n".getBytes(StandardCharsets.US_ASCII);
        r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        r.write(body);
        r.finish();
    }
}
