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
 * and a constructor with ten positional ones would be unreadable at the call site, hence the
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
 *                              idle keep-alive connection and a client that never finishes its
 *                              headers). Tornado 4's default: one hour
 * @param headerTimeout         how long a client may take from the first byte of a request to the
 *                              end of its header block (a "slowloris" client that sends a header
 *                              line every few seconds is closed after this). Default: 60 s; Tornado
 *                              has none, only the idle timeout
 * @param bodyTimeout           how long reading a body may go without any byte arriving, or
 *                              {@code null} for no limit. Default: 60 s; Tornado's
 *                              {@code body_timeout} bounds the whole body instead and is off by
 *                              default
 * @param bodyGracePeriod       with {@code minBodyRate}, the body deadline: a body must have
 *                              arrived by its start plus this grace period plus one second for
 *                              every {@code minBodyRate} bytes received so far, or the connection
 *                              is closed. So a client that sends its headers and then nothing
 *                              holds its share of the body budget for this long, not for the
 *                              body timeout, and no body takes longer than this plus its size
 *                              divided by the rate. Default: 20 s (Apache's
 *                              {@code RequestReadTimeout body=20,MinRate=…} works the same way)
 * @param minBodyRate           the slowest average rate, in bytes per second, at which a body
 *                              may arrive once the grace period is over, or 0 for no minimum.
 *                              Default: 64 KiB/s (512 kbit/s: a 100 MiB upload may take 27
 *                              minutes). Tornado 4's {@code body_timeout} is the same idea as a
 *                              fixed deadline for the whole body, whatever its size, and is off
 *                              by default
 * @param maxBufferSize         each connection's read buffer limit, passed to its
 *                              {@link IOStream}; a body must also fit in it. Default: 100 MiB
 * @param maxBufferedBodyBytes  the budget, across all of the server's connections, for request
 *                              bodies held in memory: a body that does not fit in what is left is
 *                              answered 503 with {@code Retry-After}, one larger than the whole
 *                              budget 413, so that many uploads at once cannot exhaust the heap.
 *                              A body's share is taken when its headers arrive (so that
 *                              {@code 100 Continue} is a promise) and is held at most for the
 *                              body deadline above, unless the body keeps arriving. Default:
 *                              {@link #defaultBodyBudget()}, an eighth of the maximum heap
 * @param maxConnections        how many connections the server keeps open at once; a connection
 *                              accepted beyond that is closed at once, and the refusals are
 *                              logged, once when they begin and once, with their count, when they
 *                              end. Default: 10,000
 * @param decompressRequest     gunzip request bodies sent with {@code Content-Encoding: gzip}
 *                              before the application sees them (Tornado 4.0's
 *                              {@code decompress_request}, off by default). Chapter 7's coroutine
 *                              connection does it; chapter 4's, like Tornado 2.4, has no such
 *                              option, and {@link HTTPServer} refuses the two together
 */
@Mirrors({"http1connection.HTTP1ConnectionParameters 4.0", "httpserver.HTTPServer.__init__"})
public record HTTPServerOptions(boolean noKeepAlive, boolean xheaders, int maxHeaderSize, long maxBodySize,
                                Duration idleConnectionTimeout, Duration headerTimeout, Duration bodyTimeout,
                                Duration bodyGracePeriod, long minBodyRate,
                                int maxBufferSize, long maxBufferedBodyBytes, int maxConnections,
                                boolean decompressRequest) implements ReadWatch.Limits {

    /** 64 KiB, Tornado 4's {@code max_header_size}. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 64 * 1024;
    /** 100 MiB, Tornado 4's {@code max_body_size} (its default is the stream's buffer size). */
    public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;
    /** One hour, Tornado 4's {@code idle_connection_timeout}. */
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofHours(1);
    /** One minute from a request's first byte to the end of its headers (ours; Tornado has none). */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(60);
    /** One minute without a byte of the body (ours; Tornado's {@code body_timeout} is off by default). */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a body may take before it must keep up {@link #DEFAULT_MIN_BODY_RATE} (ours; Apache's figure). */
    public static final Duration DEFAULT_BODY_GRACE_PERIOD = Duration.ofSeconds(20);
    /** 64 KiB/s (512 kbit/s), the slowest average a body may arrive at after the grace period (ours). */
    public static final long DEFAULT_MIN_BODY_RATE = 64 * 1024;
    /** Open connections per server (ours; Tornado has no cap). */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** Checks the values, so a mistake shows up where the options are made, not on the first request. */
    public HTTPServerOptions {
        if (maxHeaderSize <= 0) throw new IllegalArgumentException("maxHeaderSize must be positive, got " + maxHeaderSize);
        if (maxBodySize < 0) throw new IllegalArgumentException("maxBodySize must not be negative, got " + maxBodySize);
        if (maxBufferSize <= 0) throw new IllegalArgumentException("maxBufferSize must be positive, got " + maxBufferSize);
        if (maxBufferedBodyBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must not be negative, got " + maxBufferedBodyBytes);
        }
        if (maxConnections <= 0) throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
        requirePositive("idleConnectionTimeout", idleConnectionTimeout);
        requirePositive("headerTimeout", headerTimeout);
        if (bodyTimeout != null) requirePositive("bodyTimeout", bodyTimeout);
        requirePositive("bodyGracePeriod", bodyGracePeriod);
        if (minBodyRate < 0) throw new IllegalArgumentException("minBodyRate must not be negative (0: no minimum), got " + minBodyRate);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive" + (name.equals("bodyTimeout") ? " or null (no limit)" : "")
                    + ", got " + d);
        }
    }

    /**
     * An eighth of the heap the JVM may grow to ({@code -Xmx}). Why so little: the budget counts
     * a body's bytes once, whatever its framing, but a body may cost more heap than its length
     * for a moment. A {@code Content-Length} body is read into one array of its size, and costs
     * its size. A chunked body is gathered in a buffer that grows by doubling: while it doubles,
     * the old array (the bytes so far) and the new one (twice as large) are both held, three times
     * the bytes for an instant, and copying the body out at the end holds the buffer (up to twice
     * the body) and the copy. So at worst the
     * bodies cost three times the budget, three eighths of the heap, and the rest of the server
     * keeps the other five. A server that takes large uploads should raise {@code -Xmx}, or
     * stream them instead of buffering them.
     */
    public static long defaultBodyBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /**
     * Tornado's defaults (keep-alive on, no X-headers, 64 KiB headers, 100 MiB bodies, one hour
     * idle) and our limits beyond them (60 s header and body timeouts, a body deadline of 20 s
     * plus a second per 64 KiB, a body budget of an eighth of the heap, 10,000 connections).
     */
    public static HTTPServerOptions defaults() {
        return new HTTPServerOptions(false, false, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE,
                DEFAULT_IDLE_CONNECTION_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT,
                DEFAULT_BODY_GRACE_PERIOD, DEFAULT_MIN_BODY_RATE, IOStream.DEFAULT_MAX_BUFFER_SIZE, defaultBodyBudget(), DEFAULT_MAX_CONNECTIONS,
                false);
    }

    public HTTPServerOptions withNoKeepAlive(boolean v) {
        return new HTTPServerOptions(v, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withXheaders(boolean v) {
        return new HTTPServerOptions(noKeepAlive, v, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMaxHeaderSize(int v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, v, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMaxBodySize(long v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, v, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withIdleConnectionTimeout(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, v, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withHeaderTimeout(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, v, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withBodyTimeout(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, v, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withBodyGracePeriod(Duration v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, v, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMinBodyRate(long v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, v, maxBufferSize, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMaxBufferSize(int v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, v, maxBufferedBodyBytes, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMaxBufferedBodyBytes(long v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, v, maxConnections, decompressRequest);
    }

    public HTTPServerOptions withMaxConnections(int v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, v, decompressRequest);
    }

    /** {@link #bodyDeadline(long, long, Duration, long)} with these options' grace period and rate. */
    public long bodyDeadline(long startNanos, long received) {
        return bodyDeadline(startNanos, received, bodyGracePeriod, minBodyRate);
    }

    public HTTPServerOptions withDecompressRequest(boolean v) {
        return new HTTPServerOptions(noKeepAlive, xheaders, maxHeaderSize, maxBodySize, idleConnectionTimeout, headerTimeout, bodyTimeout, bodyGracePeriod, minBodyRate, maxBufferSize, maxBufferedBodyBytes, maxConnections, v);
    }

    // tag::body-deadline[]
    /**
     * When a body that started arriving at {@code startNanos} (on the loop's clock) and of which
     * {@code received} bytes have come must be complete, or {@code Long.MAX_VALUE} with no minimum
     * rate. The deadline moves on as bytes arrive, one second per {@code minBodyRate} bytes, so
     * a body that keeps up the rate is never cut off however large it is, while one that sends
     * nothing is cut off after the grace period, and one that sends a byte a minute barely later.
     * This is what keeps a client from holding the body budget without sending a body. Both
     * connections' body watches ({@link ReadWatch}) ask this one rule.
     */
    public static long bodyDeadline(long startNanos, long received, Duration bodyGracePeriod, long minBodyRate) {
        if (minBodyRate == 0) return Long.MAX_VALUE;
        // received / rate seconds, in nanoseconds, without overflow for any body we accept.
        long credit = (long) (received * (1e9 / minBodyRate));
        return startNanos + bodyGracePeriod.toNanos() + credit;
    }
    // end::body-deadline[]

    /**
     * The largest body a connection will read: {@code maxBodySize}, but never more than the read
     * buffer can hold, since {@code readBytes} delivers a body in one piece from that buffer, and
     * never more than the whole server's budget for bodies, which such a body could never fit in.
     */
    public long bodyLimit() {
        return Math.min(Math.min(maxBodySize, maxBufferSize), maxBufferedBodyBytes);
    }
}
