package tornado.http1connection;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import tornado.ioloop.IOLoop;
import tornado.ioloop.Timeout;
import tornado.iostream.IOStream;
import tornado.trace.JavaOnly;
import tornado.trace.Trace;

/**
 * The two timers of a read, with chapter 4's rules, for the coroutine connection: while a header
 * block is awaited, the idle bound (from when we start waiting) and the header bound (from the
 * request's first byte); while a body is read, the progress bound (no byte for
 * {@code bodyTimeout}). When one runs out the watch closes the stream, and the coroutine, parked
 * in {@code await} on a read, wakes with a {@code StreamClosedException}: a timeout needs no
 * other path through the code. Tornado 4.5 wraps each read in {@code gen.with_timeout} instead;
 * one {@code with_timeout} bounds a whole wait, and neither of our two progress rules is a whole
 * wait, hence a watch that looks every quarter of its timeout (as chapter 4's does).
 */
@JavaOnly("chapter 4's header and body watches, for a connection that waits in await instead of in a callback")
final class ReadWatch {
    private static final Logger log = Logger.getLogger("tornado.general");

    private final IOStream stream;
    private final IOLoop loop;
    private Timeout timeout;
    private long idleDeadline;
    private long headerDeadline;
    private Duration headerTimeout;
    private Duration bodyTimeout;
    private LongSupplier progress;
    private long seen;
    private long seenAt;

    ReadWatch(IOStream stream) {
        this.stream = stream;
        this.loop = stream.ioLoop();
    }

    /** Starts the header watch: the idle deadline now, the header deadline at the first byte. */
    void headers(Duration idle, Duration header) {
        cancel();
        idleDeadline = loop.time() + idle.toNanos();
        headerDeadline = 0;
        headerTimeout = header;
        watchHeaders();
    }

    private void watchHeaders() {
        timeout = null;
        if (stream.closed()) return;
        long now = loop.time();
        if (headerDeadline == 0 && stream.readBufferSize() > 0) headerDeadline = now + headerTimeout.toNanos();
        if (now - idleDeadline >= 0) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTP1Connection.idle_timeout", "no request in time");
            log.fine("Closing idle connection");
            stream.close();
        } else if (headerDeadline != 0 && now - headerDeadline >= 0) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTP1Connection.header_timeout", "header block not complete within " + headerTimeout);
            log.info("Closing connection: header block not complete within " + headerTimeout);
            stream.close();
        } else {
            long next = headerDeadline != 0 ? headerDeadline : now + quarter(headerTimeout);
            timeout = loop.callAt(next - idleDeadline < 0 ? next : idleDeadline, this::watchHeaders);
        }
    }

    /**
     * Starts the body watch: {@code received} says how many body bytes have come so far (the
     * connection's count); with the stream's buffered bytes it is the progress we look at.
     */
    void body(Duration timeout, LongSupplier received) {
        cancel();
        if (timeout == null) return;
        bodyTimeout = timeout;
        progress = received;
        seen = -1;
        watchBody();
    }

    private void watchBody() {
        timeout = null;
        if (stream.closed()) return;
        long now = loop.time();
        long received = stream.readBufferSize() + progress.getAsLong();
        if (received != seen) {
            seen = received;
            seenAt = now;
        } else if (now - seenAt >= bodyTimeout.toNanos()) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTP1Connection.body_timeout", "no body byte for " + bodyTimeout);
            log.info("Timeout reading body: no byte for " + bodyTimeout);
            stream.close();
            return;
        }
        timeout = loop.callAt(now + quarter(bodyTimeout), this::watchBody);
    }

    private static long quarter(Duration d) {
        return Math.max(1_000_000, d.toNanos() / 4);
    }

    void cancel() {
        if (timeout != null) {
            loop.removeTimeout(timeout);
            timeout = null;
        }
    }
}
