package tornado.walkthroughs;

import java.io.IOException;

import tornado.http1connection.HTTP1ServerConnection;
import tornado.httpserver.ConnectionFactory;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.RequestCallback;
import tornado.ioloop.IOLoop;
import tornado.options.HelpRequested;
import tornado.options.Option;
import tornado.options.Options;
import tornado.options.OptionsError;
import tornado.trace.Trace;

/**
 * The flags every walkthrough takes, read through our own {@code options} (Appendix A), exactly
 * as a Tornado program reads {@code --port} with {@code define} and {@code parse_command_line}:
 * <pre>
 *   --port=N          where to listen (each walkthrough has its own default, so several can run at once)
 *   --address=HOST    which interface (default 127.0.0.1; "" for all)
 *   --trace           the step trace as indented text on stderr (--trace=text)
 *   --trace=json      the step trace as JSON lines on stdout
 *   --trace=step      the text trace, pausing after each step (the same as --step)
 *   --trace=off       no trace (the default)
 *   --step            pause after each step, with whichever trace is chosen (text if none)
 *   --trace-time      start each text trace line with the milliseconds since tracing began
 *   --connection=callback   serve HTTP with chapter 4's HTTPConnection, Tornado 2.4's callback chain (the default)
 *   --connection=coroutine  serve HTTP with chapter 7's HTTP1ServerConnection, Tornado 4.x's coroutine
 *   --decompress-request    with the coroutine connection: gunzip Content-Encoding: gzip request bodies (chapter 7)
 * </pre>
 * A walkthrough may define more options on an {@link Options} of its own before calling
 * {@link #parse(Walkthrough, String[], Options)}. The tour reads its own flags through
 * {@link #parseOrHelp}, so that both say the same things about the same mistakes.
 */
public record WalkthroughFlags(Options options, int port, String address, String connection, boolean decompressRequest) {

    /**
     * Parses {@code args} for {@code walkthrough} and switches tracing on as asked. Returns null
     * after printing help for {@code --help}; a mistake throws {@link UsageError}.
     */
    public static WalkthroughFlags parse(Walkthrough walkthrough, String[] args) {
        return parse(walkthrough, args, new Options());
    }

    public static WalkthroughFlags parse(Walkthrough walkthrough, String[] args, Options options) {
        Option<Integer> port = options.define("port", walkthrough.defaultPort(), Integer.class,
                "the port to listen on (0 picks a free one)");
        Option<String> address = options.define("address", "127.0.0.1", String.class,
                "the address to listen on (\"\" for every interface)");
        Option<String> trace = options.define("trace", "off", String.class,
                "trace each step of the chain: text (indented lines on stderr), json (JSON lines on stdout), "
                        + "step (text, pausing after each step) or off", "text");
        Option<Boolean> step = options.define("step", false, Boolean.class,
                "pause after every step (Enter: next step, c: on to the next request, q: stop pausing, ?: the keys)");
        Option<Boolean> time = options.define("trace-time", false, Boolean.class,
                "start each text trace line with the milliseconds since tracing began");
        Option<String> connection = options.define("connection", "callback", String.class,
                "which HTTP connection serves each client: callback (chapter 4, Tornado 2.4) or coroutine (chapter 7, Tornado 4.x)");
        Option<Boolean> decompress = options.define("decompress-request", false, Boolean.class,
                "gunzip request bodies sent with Content-Encoding: gzip before the application sees them "
                        + "(chapter 7, Tornado's decompress_request; needs --connection=coroutine)");
        if (!parseOrHelp(walkthrough.name(), args, options)) return null;
        if (!connection.value().equals("callback") && !connection.value().equals("coroutine")) {
            throw new UsageError("--connection=" + connection.value() + " is not a connection; use callback or coroutine");
        }
        if (decompress.value() && !connection.value().equals("coroutine")) {
            throw new UsageError("--decompress-request needs --connection=coroutine: chapter 4's callback connection, "
                    + "like Tornado 2.4, has no such option");
        }
        // The coroutine connection hands control back and forth with the loop several times a
        // request: one carrier for the virtual threads, and the loop on one of them (chapter 6,
        // "What it costs"), before the first virtual thread is made.
        if (connection.value().equals("coroutine")) GenHello.oneCarrier();
        if (port.value() < 0 || port.value() > 65535) {
            throw new UsageError("--port must be a number from 0 to 65535 (0 picks a free port), not " + port.value());
        }
        // An empty --trace= would read as "off" to Trace.configure (the system property's blank
        // means unset); typed on a command line it is a mistake, so it is said as one.
        if (trace.value().isBlank()) {
            throw new UsageError("--trace= needs a mode: use " + Trace.MODES + ", as in --trace=json (or --trace alone for text)");
        }
        try {
            Trace.configure(trace.value(), step.value(), time.value());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--trace=" + trace.value() + " is not a trace mode; use " + Trace.MODES
                    + ", as in --trace=json");
        }
        return new WalkthroughFlags(options, port.value(), address.value(), connection.value(), decompress.value());
    }

    /**
     * Runs {@code loop} until it stops: for the coroutine connection where {@code Gen.startLoop}
     * puts it (on this thread, carrying its coroutines, when the JVM lets it; on a virtual thread
     * otherwise), on this thread for the callback one.
     */
    public void startLoop(IOLoop loop) throws InterruptedException {
        if (connection.equals("coroutine")) tornado.gen.Gen.startLoop(loop);
        else loop.start();
    }

    /** The connection {@code name} ({@code callback} or {@code coroutine}) stands for. */
    public static ConnectionFactory connectionFactory(String name) {
        return name.equals("coroutine") ? HTTP1ServerConnection.FACTORY : ConnectionFactory.CALLBACK;
    }

    /** An HTTP server for {@code callback} on the chosen connection, listening where the flags say. */
    public HTTPServer listen(RequestCallback callback, IOLoop loop) throws IOException {
        return listen(callback, loop, port, address, connection, HTTPServerOptions.defaults().withDecompressRequest(decompressRequest));
    }

    /** An HTTP server for {@code callback} on connection {@code connection}, listening on {@code port}. */
    public static HTTPServer listen(RequestCallback callback, IOLoop loop, int port, String address, String connection)
            throws IOException {
        return listen(callback, loop, port, address, connection, HTTPServerOptions.defaults());
    }

    /** As the five-argument form, with the server's {@code options}. */
    static HTTPServer listen(RequestCallback callback, IOLoop loop, int port, String address, String connection,
                             HTTPServerOptions options) throws IOException {
        HTTPServer server = new HTTPServer(callback, loop, options, connectionFactory(connection));
        server.listen(port, address);
        return server;
    }

    /**
     * The one options path of the tour and the walkthroughs: parses {@code args}, printing help
     * on stderr for {@code --help} (then returns false). An unknown flag or a bad value prints the
     * help and throws {@link UsageError} with the sentence that says what was wrong.
     */
    public static boolean parseOrHelp(String name, String[] args, Options options) {
        try {
            options.parseCommandLine(args, System.err);
            return true;
        } catch (HelpRequested help) {
            return false;
        } catch (OptionsError e) {
            options.printHelp(System.err);
            throw new UsageError(e.getMessage());
        }
    }
}
