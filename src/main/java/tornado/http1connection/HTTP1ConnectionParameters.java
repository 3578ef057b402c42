package tornado.http1connection;

import java.time.Duration;

import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.ReadWatch;
import tornado.trace.Mirrors;

/**
 * Everything an {@link HTTP1Connection} needs to know about its limits, as Tornado 4's
 * {@code HTTP1ConnectionParameters}. Chapter 4's {@link HTTPServerOptions} already holds the
 * values (it was modelled on this object); {@link #of} takes them from there, so that one server's
 * options mean the same on both connections. Its five timeouts are the ones chapter 4's
 * {@link ReadWatch} enforces ({@link ReadWatch.Limits}), so one watch serves both connections.
 *
 * @param noKeepAlive   close after every response
 * @param chunkSize     the largest piece of a body handed to {@code dataReceived} at once (Tornado: 64 KiB)
 * @param maxHeaderSize the longest header block; past it, 431
 * @param idleConnectionTimeout how long we wait for a whole header block, counted from when we start
 *                      waiting: the {@code header_timeout} Tornado 4.5's {@code HTTPServer}
 *                      passes, which is its {@code idle_connection_timeout}
 * @param headerTimeout ours, as in chapter 4: once a request's first byte is in, the rest of its
 *                      header block must follow within this (the "slowloris" bound)
 * @param maxBodySize   the largest body; a delegate may lower or raise it for its request
 *                      ({@link HTTP1Connection#setMaxBodySize}), as a buffering one does
 * @param bodyTimeout   how long reading a body may go without a byte, or null for no limit
 *                      (chapter 4's progress rule; Tornado bounds the whole body)
 * @param bodyGracePeriod with {@code minBodyRate}, chapter 4's body deadline (ours): a body must
 *                      have arrived by its start plus this plus a second per {@code minBodyRate}
 *                      bytes received ({@code HTTPServerOptions.bodyDeadline}); this is what
 *                      cuts off a body that trickles in just fast enough to beat {@code bodyTimeout}
 * @param minBodyRate   the slowest average rate, in bytes per second, after the grace period;
 *                      0 for no deadline
 * @param decompress    Tornado's {@code decompress}: gunzip bodies sent with
 *                      {@code Content-Encoding: gzip} before the delegate sees them
 *                      ({@link GzipMessageDelegate}); from {@code HTTPServerOptions.decompressRequest}
 */
@Mirrors("http1connection.HTTP1ConnectionParameters 4.5")
public record HTTP1ConnectionParameters(boolean noKeepAlive, int chunkSize, int maxHeaderSize, Duration idleConnectionTimeout,
                                        Duration headerTimeout, long maxBodySize, Duration bodyTimeout,
                                        Duration bodyGracePeriod, long minBodyRate, boolean decompress)
        implements ReadWatch.Limits {
    /** Tornado's {@code chunk_size} default: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    public HTTP1ConnectionParameters {
        if (chunkSize <= 0) throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
    }

    /** The parameters a chapter 4 server's options stand for. */
    public static HTTP1ConnectionParameters of(HTTPServerOptions options) {
        return new HTTP1ConnectionParameters(options.noKeepAlive(), DEFAULT_CHUNK_SIZE, options.maxHeaderSize(),
                options.idleConnectionTimeout(), options.headerTimeout(), options.maxBodySize(), options.bodyTimeout(),
                options.bodyGracePeriod(), options.minBodyRate(), options.decompressRequest());
    }
}
