package tornado.walkthroughs;

import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;
import static tornado.web.URLSpec.url;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tornado.concurrent.Future;
import tornado.concurrent.FutureStream;
import tornado.gen.Gen;
import tornado.httpserver.HTTPServer;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.web.Application;
import tornado.web.RequestHandler;

/**
 * Chapter 6's walkthrough: chapter 5's hello application with coroutine handlers.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=gen-hello -Dargs="--trace"
 *   curl -i http://127.0.0.1:8896/
 *   curl -i 'http://127.0.0.1:8896/sleep?ms=500'
 *   seq 100 | xargs -P100 -I{} curl -s 'http://127.0.0.1:8896/sleep?ms=500' -o /dev/null   # ≈ 0.5 s
 * </pre>
 *
 * {@code /sleep} parks its coroutine on {@code gen.sleep}; while it sleeps the loop serves
 * everyone else, so a hundred requests that each sleep half a second all finish after about half
 * a second, on one thread. The trace shows where each coroutine suspends ({@code handle_yield})
 * and resumes ({@code Runner.run}).
 */
public final class GenHello implements Walkthrough {
    /** This walkthrough's port when none is given, so that it can run beside chapter 5's hello. */
    static final int DEFAULT_PORT = 8896;

    // tag::handlers[]
    /** {@code GET /}: Tornado 4's {@code @gen.coroutine def get(self): self.write("Hello, world")}. */
    public static final class MainHandler extends RequestHandler {
        @Override
        public void get(String... args) {
            returnLater(coroutine(() -> {
                write("Hello, world");
            }));
        }
    }

    /** {@code GET /sleep?ms=N}: {@code yield gen.sleep(n / 1000)}, then the answer. */
    public static final class SleepHandler extends RequestHandler {
        @Override
        public void get(String... args) {
            returnLater(coroutine(() -> {
                int ms = Integer.parseInt(getArgument("ms", "100"));
                await(Gen.sleep(Duration.ofMillis(ms)));
                write("slept " + ms + " ms");
            }));
        }
    }
    // end::handlers[]

    public static Application application() {
        return new Application(List.of(
                url("/", MainHandler.class),
                url("/sleep", SleepHandler.class),
                // Chapter 5's plain handler, on the same server: the benchmark compares the two.
                url("/plain", Hello.MainHandler.class)));
    }

    @Override
    public String name() {
        return "gen-hello";
    }

    @Override
    public String chapter() {
        return "06-gen";
    }

    @Override
    public String summary() {
        return "the hello application with coroutine handlers: / from a coroutine get, /sleep?ms=N awaiting gen.sleep";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public void serve(String[] args) throws Exception {
        oneCarrier();
        WalkthroughFlags flags = WalkthroughFlags.parse(this, args);
        if (flags == null) return;
        IOLoop loop = new IOLoop();
        HTTPServer server = flags.listen(application(), loop);
        String where = "http://" + (flags.address().isEmpty() ? "127.0.0.1" : flags.address()) + ":" + server.port();
        System.err.println("gen-hello: serving on " + where + "/ — try: curl -i '" + where + "/sleep?ms=500'");
        Gen.startLoop(loop);
    }

    // tag::one-carrier[]
    /**
     * Asks the JDK for one carrier thread for all virtual threads, unless the command line chose.
     * It matters when the loop's thread cannot carry its coroutines itself (chapter 6, "The loop
     * as carrier"): the virtual threads are then the loop and its coroutines, and they take turns:
     * with one carrier, every hand-over is a park and an unpark on that carrier, and no idle
     * carrier is woken to take work that would only wait (chapter 6, "What it costs"). The JDK
     * reads the property once, when it makes its first virtual thread; if that has happened
     * already, this changes nothing and the program is only slower.
     */
    static void oneCarrier() {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", "1");
        }
    }
    // end::one-carrier[]

    /** {@code args}, with {@code --port=port} in front unless they name a port themselves. */

    /**
     * {@code GET /sleep?ms=20} and, while that coroutine sleeps, {@code GET /}: the second answer
     * comes first, from the same loop. Our client is itself a coroutine over {@link FutureStream}.
     */
    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> application().listen(0, "127.0.0.1", loop))) {
            int port = r.server().port();
            java.util.concurrent.CompletableFuture<String> transcript = new java.util.concurrent.CompletableFuture<>();
            r.loop().addCallback(() -> {
                Future<List<String>> both = Gen.multi(List.of(get(port, "/sleep?ms=20"), get(port, "/")));
                both.addDoneCallback(f -> {
                    if (f.exception() != null) transcript.completeExceptionally(f.exception());
                    else transcript.complete(String.join("\n\n", f.result()));
                });
            });
            return transcript.get(10, TimeUnit.SECONDS);
        }
    }

    /** One {@code GET} with {@code Connection: close}, as a coroutine: the raw answer. */
    static Future<String> get(int port, String path) {
        return coroutine(() -> {
            FutureStream s = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
            await(s.connect(new InetSocketAddress("127.0.0.1", port)));
            await(s.write(request(port, path)));
            return new String(await(s.readUntilClose()), StandardCharsets.UTF_8).replace("\r\n", "\n");
        });
    }

    static byte[] request(int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
