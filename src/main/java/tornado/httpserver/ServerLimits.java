package tornado.httpserver;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import tornado.trace.JavaOnly;

/**
 * What all the connections of one {@link HTTPServer} share: a budget for request bodies held in
 * memory, and a count of open connections. Each connection checks them on its own, so without
 * this object nothing would stop a hundred clients each sending a body just under the limit from
 * filling the heap together, or ten thousand slow clients from holding a socket each.
 *
 * <p>A server may serve from several loops ({@code TCPServer.start(n)}), one thread each, so both
 * counts are atomic; nothing else here is shared.
 */
@JavaOnly("Tornado limits each connection on its own (max_body_size, max_buffer_size) and has no "
        + "limit across connections; chapter 4, 'What this server survives', says why we add one")
public final class ServerLimits {
    private static final Logger log = Logger.getLogger("tornado.general");

    private final long bodyBudget;
    private final int maxConnections;
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    /** Connections refused since the limit was last reached, and whether we are at it now. */
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean atLimit = new AtomicBoolean();

    public ServerLimits(HTTPServerOptions options) {
        this.bodyBudget = options.maxBufferedBodyBytes();
        this.maxConnections = options.maxConnections();
    }

    // tag::body-budget[]
    /**
     * Takes {@code n} bytes of the body budget, or returns false, taking nothing, if fewer are
     * left. A connection calls this before it reads a body (or a chunk of one), so the bytes are
     * promised before they are allocated.
     */
    public boolean reserveBody(long n) {
        while (true) {
            long used = bodyBytes.get();
            if (used + n > bodyBudget) return false;
            if (bodyBytes.compareAndSet(used, used + n)) return true;
        }
    }

    /**
     * Whether a request that would hold {@code total} bytes of the budget could ever be served,
     * even with no other upload running. If not, waiting cannot help: it is a 413 with the real
     * limit, never a 503, which tells the client to try again.
     */
    boolean couldEverFit(long total) {
        return total <= bodyBudget;
    }

    /**
     * What a client refused for lack of budget is told. Only that: how much memory the server has
     * and who holds it is for the operator's log ({@link #busyDetails}), not for any client.
     */
    static final String BUSY_MESSAGE = "the server is busy with other uploads; try again later";
    /**
     * The one budget rule of both connections, chapter 4's and chapter 7's: takes {@code n} more
     * bytes for a request that already holds {@code held}, or says how to refuse it. What the
     * request alone would hold can never be a reason to wait, so that is a 413 naming the limit;
     * a budget held by others is a 503, whose figures go to the log, not to the client.
     *
     * @return null when the bytes were taken, else the error to answer with
     */
    public tornado.httputil.HTTPInputError reserveOrRefuse(long held, long n, long bodyLimit, String who) {
        if (!couldEverFit(held + n)) {
            return new tornado.httputil.HTTPInputError(413, "body larger than this server's limit of " + bodyLimit + " bytes");
        }
        if (reserveBody(n)) return null;
        log.info("Refused a request body from " + who + " with 503: " + busyDetails(n));
        return new tornado.httputil.HTTPInputError(503, BUSY_MESSAGE);
    }

    /** The figures behind a 503, for the log. */
    String busyDetails(long wanted) {
        return "request bodies hold " + bodyBytes.get() + " of the " + bodyBudget
                + " bytes of maxBufferedBodyBytes; " + wanted + " more do not fit now";
    }

    /** Gives back bytes taken by {@link #reserveBody}, when the request they held is over. */
    public void releaseBody(long n) {
        if (n > 0) bodyBytes.addAndGet(-n);
    }
    // end::body-budget[]

    /** Bytes of request bodies the server holds (or has promised) right now. */
    public long bufferedBodyBytes() {
        return bodyBytes.get();
    }

    public long bodyBudget() {
        return bodyBudget;
    }

    // tag::connection-cap[]
    /**
     * Counts a newly accepted connection in, or returns false if the server already has
     * {@code maxConnections} open; the caller then closes the new one at once. Refusals are logged
     * once when they begin and once, with how many there were, when the server takes
     * connections again: a flood of clients costs a line, not a line per client.
     */
    public boolean admitConnection() {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            if (atLimit.compareAndSet(false, true)) {
                log.warning("Connection limit reached: " + maxConnections + " connections open (maxConnections); "
                        + "closing new connections until one ends");
            }
            return false;
        }
        if (atLimit.compareAndSet(true, false)) {
            log.warning("Accepting connections again; refused " + refused.getAndSet(0)
                    + " while at the limit of " + maxConnections);
        }
        return true;
    }

    /** A connection counted in by {@link #admitConnection} has closed. */
    public void connectionClosed() {
        open.decrementAndGet();
    }
    // end::connection-cap[]

    /** How many connections the server has open now. */
    public int openConnections() {
        return open.get();
    }
}
