package tornado.httpserver;

import java.time.Duration;

import tornado.iostream.IOStream;
import tornado.trace.Mirrors;

/**
 * The settings of an {@link HTTPServer} and of every connection it serves, with Tornado's
 * defaults. Start from {@link #defaults()} and change what you need:
 * <pre>
 *   HTTPServerOptions.defaults().withXheaders(true).withMaxBodySize(10 &lt;&lt; 20)
 * </pre>
 *
 * <p>Tornado 2.4 passes {@code no_keep_alive} and {@code xheaders} as keyword arguments of
 * {@code HTTPServer.__init__}, and has no other limit than the stream's {@code max_buffer_size}.
 * Tornado 4.0 added the limits and gathered everything a connection needs into
 * {@code HTTP1ConnectionParameters}; this record is that object. Java has no keyword arguments,
 * and a constructor with seven positional ones would be unreadable at the call site, hence the
 * {@code with…} methods, each returning a changed copy.
 *
 * @param noKeepAlive           close every connection after one request ({@code no_keep_alive})
 * @param xheaders              trust {@code X-Real-Ip}/{@code X-Forwarded-For} for the client's
 *                              address and {@code X-Scheme}/{@code X-Forwarded-Proto} for its
 *                              protocol: set it only behind a proxy that sets them
 * @param maxHeaderSize         the longest header block (start line and headers) we read; past it
 *                              the client gets 431. Tornado 4's default: 64 KiB
 * @param maxBodySize           the largest body we accept; a bigger {@code Content-Length}, or
 *                              chunks adding up to more, gets 413. Default: 100 MiB
 * @param idleConnectionTimeout how long a connection may take to send a complete header block,
 *                              counted from when we start waiting for one (so it covers both an
 *                              idle keep-alive connection and a client that sends its headers a
 *                              byte a minute). Tornado 4's default: one hour
 * @param bodyTimeout           how long reading one body may take, or {@code null} for no limit
 *                              (Tornado's default)
 * @param maxBufferSize         each connection's read buffer limit, passed to its
 *                              {@link IOStream}; a body must also fit in it. Default: 100 MiB
 */
@Mirrors({"http1connection.HTTP1ConnectionParameters 4.0", "httpserver.HTTPServer.__init__"})
public record HTTPServerOptions(boolean noKeepAlive, boolean xheaders, int maxHeaderSize, long maxBodySize,
                                Duration idleConnectionTimeout, Duration bodyTimeout, int maxBufferSize) {

    /** 64 KiB, Tornado 4's {@code max_header_size}. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 64 * 1024;
    /** 100 MiB, Tornado 4's {@code max_body_size} (its default is the stream's buffer size). */
    public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;
    /** One hour, Tornado 4's {@code idle_connection_timeout}. */
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofHours(1);

    /** Checks the values, so a mistake shows up where the options are made, not on the first request. */
    public HTTPServerOptions {
        if (maxHeaderSize <= 0) throw new IllegalArgumentException("maxHeaderSize must be positive, got " + maxHeaderSize);
        if (maxBodySize < 0) throw new IllegalArgumentException("maxBodySize must not be negative, got " + maxBodySize);
        if (maxBufferSize <= 0) throw new IllegalArgumentException("maxBufferSize must be positive, got " + maxBufferSize);
        if (idleConnectionTimeout == null || idleConnectionTimeout.isNegative() || idleConnectionTimeout.isZero()) {
            throw new IllegalArgumentException("idleConnectionTimeout must be positive, got " + idleConnectionTimeout);
        }
        if (bodyTimeout != null && (bodyTimeout.isNegative() || bodyTimeout.isZero())) {
            throw new IllegalArgumentException("bodyTimeout must be positive or null (no limit), got " + bodyTimeout);
        }
    }

    /** Tornado's defaults: keep-alive on, no X-headers, 64 KiB headers, 100 MiB bodies, one hour idle. */
    public static HTTPServerOptions defaults() {
        return new HTTPServerOptions(false, false, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE,
                DEFAULT_IDLE_CONNECTION_TIMEOUT, null, IOStream.DEFAULT_MAX_BUFFER_SIZE);
    }

    public HTTPServerOptions withNoKeepAlive(boolean v) {
        return new HTTPServerOptions(v, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, bodyTimeout, maxBufferSize);
    }

    public HTTPServerOptions withXheaders(boolean v) {
        return new HTTPServerOptions(noKeepAlive, v, maxHeaderSize, maxBodySize, idleConnectionTimeout, bodyTimeout, maxBufferSize);
    }

    public HTTPServerOptions withMaxHeaderSize(int v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, v, maxBodySize, idleConnectionTimeout, bodyTimeout, maxBufferSize);
    }

    public HTTPServerOptions withMaxBodySize(long v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, v, idleConnectionTimeout, bodyTimeout, maxBufferSize);
    }

    public HTTPServerOptions withIdleConnectionTimeout(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, v, bodyTimeout, maxBufferSize);
    }

    public HTTPServerOptions withBodyTimeout(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, v, maxBufferSize);
    }

    public HTTPServerOptions withMaxBufferSize(int v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, bodyTimeout, v);
    }

    /**
     * The largest body a connection will read: {@code maxBodySize}, but never more than the read
     * buffer can hold, since {@code readBytes} delivers a body in one piece from that buffer.
     */
    public long bodyLimit() {
        return Math.min(maxBodySize, maxBufferSize);
    }
}
