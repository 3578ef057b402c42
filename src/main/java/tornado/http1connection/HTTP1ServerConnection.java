package tornado.http1connection;

import static tornado.gen.Gen.await;

import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.concurrent.Future;
import tornado.concurrent.FutureStream;
import tornado.gen.Gen;
import tornado.httpserver.ConnectionFactory;
import tornado.httpserver.ReadWatch;
import tornado.httpserver.ServerLimits;
import tornado.iostream.IOStream;
import tornado.iostream.StreamClosedException;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * A server's side of one TCP connection, serving request after request: Tornado 4.5's
 * {@code http1connection.HTTP1ServerConnection}. Its heart is {@link #serverRequestLoop}, a
 * coroutine with a real {@code while} loop where chapter 4 has a chain that ends where it began:
 * <pre>
 *   while (true) {
 *       conn = new HTTP1Connection(stream, ...);
 *       delegate = serverDelegate.startRequest(this, conn);
 *       if (!await(conn.readResponse(delegate))) return;
 *       // Tornado: yield gen.moment (ours is built into the stream, see below)
 *   }
 * </pre>
 * {@link #FACTORY} plugs it into chapter 4's {@code HTTPServer} through its
 * {@link ConnectionFactory} seam, as Tornado 4's {@code handle_stream} does.
 */
@Mirrors("http1connection.HTTP1ServerConnection 4.5")
public final class HTTP1ServerConnection {
    private static final Logger log = Logger.getLogger("tornado.general");

    // tag::factory[]
    /**
     * The coroutine connection for chapter 4's server: what Tornado 4.5's
     * {@code HTTPServer.handle_stream} does, {@code HTTP1ServerConnection(stream, params).start_serving(self)},
     * with {@link CallbackDelegate} in the place of Tornado's server-as-delegate.
     */
    @Mirrors("httpserver.HTTPServer.handle_stream 4.5")
    public static final ConnectionFactory FACTORY = (stream, address, callback, options, limits) -> {
        if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "HTTPServer.handle_stream", "HTTP1ServerConnection");
        new HTTP1ServerConnection(stream, HTTP1ConnectionParameters.of(options), address, options.xheaders(), limits)
                .startServing(new CallbackDelegate(callback, options, limits));
    };
    // end::factory[]

    private final FutureStream stream;
    private final HTTP1ConnectionParameters params;
    // As on chapter 4's connection, the address's text is made when asked, not kept for every
    // idle connection to hold (HTTPConnection's field of the same name says what that saves).
    private final InetSocketAddress address;
    private final boolean xheaders;
    private final ServerLimits limits;
    /**
     * The timers on the connection's reads (chapter 4's watch), one for the connection's life:
     * each request's {@code HTTP1Connection} arms it and ends its watches, one request at a time,
     * so the header timer a request leaves running is taken over by the next one's wait.
     */
    private final ReadWatch watch;
    private Future<Void> servingFuture;
    /** The request being read or answered: the one to tell when the stream closes. */
    private HTTP1Connection current;

    @Mirrors("http1connection.HTTP1ServerConnection.__init__ 4.5")
    public HTTP1ServerConnection(IOStream stream, HTTP1ConnectionParameters params, InetSocketAddress address,
                                 boolean xheaders, ServerLimits limits) {
        this.stream = new FutureStream(stream);
        this.params = params;
        this.address = address;
        this.xheaders = xheaders;
        this.limits = limits;
        this.watch = new ReadWatch(stream, "HTTP1Connection", params);
        // One close callback for the connection's whole life (FutureStream owns the stream's):
        // it fails the pending read, which wakes the loop below, and tells the current request.
        this.stream.setCloseCallback(this::onStreamClose);
    }

    // tag::start-serving[]
    /** Starts the request loop; errors it did not handle itself are logged, never lost. */
    @Mirrors("http1connection.HTTP1ServerConnection.start_serving 4.5")
    public void startServing(HTTPServerConnectionDelegate delegate) {
        if (Trace.on) Trace.step(stream.stream().traceId(), Trace.NESTED, "HTTP1ServerConnection.start_serving", Trace.describe(delegate));
        servingFuture = Gen.coroutine(() -> serverRequestLoop(delegate));
        servingFuture.addDoneCallback(f -> {
            if (f.exception() != null) log.log(Level.SEVERE, "Uncaught exception in the request loop", f.exception());
        });
    }

    /**
     * One iteration per request. A read that fails because the client went away ends the loop
     * quietly; anything else is logged and closes the connection; {@code false} from
     * {@code readResponse} (the connection will not be reused) ends it too. Tornado yields a
     * {@code moment} between two requests so that other connections get their turn; here the
     * stream gives it (the comment at the loop's end says how, PipelineFairnessTest pins it).
     */
    @Mirrors("http1connection.HTTP1ServerConnection._server_request_loop 4.5")
    private void serverRequestLoop(HTTPServerConnectionDelegate delegate) throws Exception {
        try {
            while (true) {
                if (Trace.on) Trace.step(stream.stream().traceId(), Trace.ENTRY, "HTTP1ServerConnection._server_request_loop", "next request");
                HTTP1Connection conn = new HTTP1Connection(stream, false, params, this);
                current = conn;
                HTTPMessageDelegate requestDelegate = delegate.startRequest(this, conn);
                boolean ret;
                try {
                    ret = await(conn.readResponse(requestDelegate));
                } catch (StreamClosedException e) {
                    return;
                } catch (Exception e) {
                    log.log(Level.SEVERE, "Uncaught exception", e);
                    conn.close();
                    return;
                }
                if (!ret || stream.closed()) return;
                // Tornado yields gen.moment here, so that a client whose next request is already
                // buffered (pipelining) cannot keep the loop to itself: its read_until can finish
                // at once, without a loop turn. Ours cannot: chapter 2's stream hands every read's
                // result to the loop (IOStream._run_callback), so the next readUntil always gives
                // the other connections their turn, and a moment would only add a hand-over to
                // every request (chapter 7, "What it costs").
            }
        } finally {
            current = null;
            delegate.onClose(this);
        }
    }
    // end::start-serving[]

    private void onStreamClose() {
        limits.connectionClosed();
        HTTP1Connection c = current;
        if (c != null) c.onConnectionClose();
    }

    /** Closes the connection; the future is done when the request loop has ended. */
    @Mirrors("http1connection.HTTP1ServerConnection.close 4.5")
    public Future<Void> close() {
        stream.close();
        Future<Void> done = new Future<>(stream.stream().ioLoop());
        if (servingFuture == null) {
            done.setResult(null);
        } else {
            servingFuture.addDoneCallback(f -> done.setResult(null));
        }
        return done;
    }

    ReadWatch readWatch() {
        return watch;
    }

    InetSocketAddress address() {
        return address;
    }

    String remoteIp() {
        return address.getAddress().getHostAddress();
    }

    boolean xheaders() {
        return xheaders;
    }

    /** What this connection shares with the server's others: the body budget, the connection count. */
    public ServerLimits limits() {
        return limits;
    }
}
