package tornado.httpserver;

import java.net.InetSocketAddress;

import tornado.iostream.IOStream;
import tornado.trace.JavaOnly;

/**
 * What {@link HTTPServer#handleStream} makes for each accepted connection: the one seam through
 * which a later chapter's connection can serve this chapter's server. {@link #CALLBACK}, the
 * default, is this chapter's {@link HTTPConnection}, the 2.4 chain of callbacks; chapter 7 gives
 * another, its coroutine {@code HTTP1ServerConnection}, without this chapter naming it.
 *
 * <p>Tornado has no such seam because it has one connection at a time: 4.0 replaced
 * {@code HTTPConnection} inside {@code handle_stream} by {@code HTTP1ServerConnection}. We keep
 * both, so that the same server, the same tests and the same walkthroughs run on either, and the
 * server is handed which one to make (the walkthroughs' {@code --connection} flag chooses).
 */
@JavaOnly("Tornado swapped the connection class in handle_stream; we keep both and choose per server")
@FunctionalInterface
public interface ConnectionFactory {
    /**
     * Starts serving {@code stream}, already counted in {@code limits}. Returns nothing: as with
     * {@code new HTTPConnection(...)}, the stream's pending reads keep the connection alive.
     */
    void serve(IOStream stream, InetSocketAddress address, RequestCallback callback, HTTPServerOptions options,
               ServerLimits limits);

    /** Chapter 4's connection: a chain of callbacks (Tornado 2.4). */
    ConnectionFactory CALLBACK = HTTPConnection::new;
}
