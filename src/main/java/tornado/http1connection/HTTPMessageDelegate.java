package tornado.http1connection;

import tornado.concurrent.Future;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.RequestStartLine;
import tornado.trace.Mirrors;

/**
 * What one HTTP message is handed to, piece by piece, as {@link HTTP1Connection#readMessage}
 * reads it: Tornado 4's {@code httputil.HTTPMessageDelegate}. The 2.4 chain had one call, the
 * request callback, made when the whole body was in memory; this has four, made as the message
 * arrives, and that is what lets a handler see a body that never fits in memory.
 *
 * <p><b>Flow control.</b> {@link #headersReceived} and {@link #dataReceived} may return a
 * {@link Future} (or null): the connection reads nothing more until it is done. A delegate that
 * writes each chunk to a slow disk returns the write's future, and the client is slowed down to
 * the disk's pace by TCP itself, since we stop reading its socket.
 *
 * <p>A delegate may throw {@code httputil.HTTPInputError} from {@code headersReceived} or
 * {@code dataReceived}; the connection then answers with its status (400, 413, 503 …) and closes,
 * exactly as for a malformed request.
 */
@Mirrors("httputil.HTTPMessageDelegate 4.5")
public interface HTTPMessageDelegate {
    /** The start line and headers have been read and checked. */
    @Mirrors("httputil.HTTPMessageDelegate.headers_received 4.5")
    Future<?> headersReceived(RequestStartLine startLine, HTTPHeaders headers) throws Exception;

    /** One piece of the body, at most {@code chunkSize} bytes; chunked framing already removed. */
    @Mirrors("httputil.HTTPMessageDelegate.data_received 4.5")
    Future<?> dataReceived(byte[] chunk) throws Exception;

    /** The whole message has been read. */
    @Mirrors("httputil.HTTPMessageDelegate.finish 4.5")
    void finish() throws Exception;

    /** The connection closed (or failed) before {@link #finish}: drop what was gathered. */
    @Mirrors("httputil.HTTPMessageDelegate.on_connection_close 4.5")
    void onConnectionClose();
}
