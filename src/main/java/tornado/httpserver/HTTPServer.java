package tornado.httpserver;

import java.net.InetSocketAddress;

import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.netutil.TCPServer;
import tornado.trace.Mirrors;

/**
 * A non-blocking HTTP server: chapter 3's {@link TCPServer} with one method overridden. Mirrors
 * httpserver.py's {@code HTTPServer} (v2.4.1), short enough to quote in full: it keeps
 * the request callback and the options, and for every accepted connection makes an
 * {@link HTTPConnection}. Everything else (binding, accepting, the loops) is the TCP server's.
 *
 * <p>The example server of Tornado's {@code httpserver.py} docstring, in Java (the walkthrough
 * {@code uri-echo} runs it):
 * <pre>
 *   HTTPServer server = new HTTPServer(request -&gt; {
 *       byte[] message = ("You requested " + request.uri() + "\n").getBytes(UTF_8);
 *       request.write(("HTTP/1.1 200 OK\r\nContent-Length: " + message.length + "\r\n\r\n").getBytes(UTF_8));
 *       request.write(message);
 *       request.finish();
 *   });
 *   server.listen(8888);
 *   IOLoop.instance().start();
 * </pre>
 * The chain from here on: the loop reports the listening socket readable, the accept handler
 * accepts, {@code TCPServer.handleConnection} wraps the socket in an {@link IOStream} and calls
 * {@link #handleStream}, which is where this class comes in.
 */
@Mirrors("httpserver.HTTPServer")
public class HTTPServer extends TCPServer {
    private final RequestCallback requestCallback;
    private final HTTPServerOptions options;
    /** The body budget and the connection count, shared by every connection of this server. */
    private final ServerLimits limits;
    /** What serves each accepted connection: chapter 4's callback chain unless told otherwise. */
    private final ConnectionFactory connections;

    /** A server on {@link IOLoop#instance()} with Tornado's defaults, as in Tornado's example. */
    @Mirrors("httpserver.HTTPServer.__init__")
    public HTTPServer(RequestCallback requestCallback) {
        this(requestCallback, IOLoop.instance(), HTTPServerOptions.defaults());
    }

    /** A server on {@code loop} with Tornado's defaults. */
    @Mirrors("httpserver.HTTPServer.__init__")
    public HTTPServer(RequestCallback requestCallback, IOLoop loop) {
        this(requestCallback, loop, HTTPServerOptions.defaults());
    }

    /**
     * A server on {@code loop}. The options' {@code maxBufferSize} becomes every connection's
     * read-buffer limit, set on its {@link IOStream} by the TCP server.
     */
    @Mirrors("httpserver.HTTPServer.__init__")
    public HTTPServer(RequestCallback requestCallback, IOLoop loop, HTTPServerOptions options) {
        this(requestCallback, loop, options, ConnectionFactory.CALLBACK);
    }

    /**
     * As above, with each accepted connection served by {@code connections}: chapter 4's
     * {@link ConnectionFactory#CALLBACK}, or chapter 7's coroutine connection (the one seam
     * that lets a later chapter's connection serve this server; {@link ConnectionFactory} says why).
     */
    @Mirrors("httpserver.HTTPServer.__init__")
    public HTTPServer(RequestCallback requestCallback, IOLoop loop, HTTPServerOptions options,
                      ConnectionFactory connections) {
        super(loop, options.maxBufferSize());
        if (connections == null) throw new IllegalArgumentException("an HTTPServer needs a ConnectionFactory");
        this.connections = connections;
        // Tornado 2.4, and so chapter 4's connection, has no decompress_request: refuse it here,
        // where the server is made, rather than hand the application gzip it did not ask for.
        if (options.decompressRequest() && connections == ConnectionFactory.CALLBACK) {
            throw new IllegalArgumentException("decompressRequest needs chapter 7's coroutine connection "
                    + "(HTTP1ServerConnection.FACTORY, --connection=coroutine): chapter 4's callback connection, "
                    + "like Tornado 2.4, hands a gzip body over as sent");
        }
        if (requestCallback == null) throw new IllegalArgumentException("an HTTPServer needs a request callback");
        this.requestCallback = requestCallback;
        this.options = options;
        this.limits = new ServerLimits(options);
    }

    public HTTPServerOptions options() {
        return options;
    }

    /** What this server's connections share: open connections, bytes of bodies held. */
    public ServerLimits limits() {
        return limits;
    }

    // tag::handle-stream[]
    /**
     * A connection was accepted: serve it. The {@link HTTPConnection} constructor starts the
     * chain at once by asking the stream for a header block; we keep no reference to it, and
     * neither does Tornado: from now on the stream's pending callbacks are what keep the
     * connection alive, and when the stream closes the whole graph can be collected.
     *
     * <p>Evolution: since Tornado 3 the HTTP server switches Nagle's algorithm off. A response
     * often goes out in two writes (headers, then body); with Nagle on, the second waits for the
     * client's ACK of the first, which a client using delayed ACKs holds back for up to 40 ms.
     * With pipelined requests every response would pay that. {@code TCP_NODELAY} sends each write
     * at once, and IOStream, which sends a response's queued pieces in one write, already keeps
     * the number of packets small.
     *
     * <p>Ours, beyond Tornado: past {@code maxConnections} open connections a new one is closed
     * at once, without a word (an answer would need the very resources the limit protects);
     * {@link ServerLimits#admitConnection} logs the episode.
     */
    @Override
    @Mirrors("httpserver.HTTPServer.handle_stream")
    protected void handleStream(IOStream stream, InetSocketAddress address) {
        if (!limits.admitConnection()) {
            stream.close();
            return;
        }
        stream.setNoDelay(true);
        connections.serve(stream, address, requestCallback, options, limits);
    }
    // end::handle-stream[]
}
