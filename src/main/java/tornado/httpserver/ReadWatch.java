package tornado.httpserver;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import tornado.ioloop.Timeout;
import tornado.iostream.IOStream;
import tornado.trace.Durations;
import tornado.trace.JavaOnly;
import tornado.trace.Trace;

/**
 * The one timer a connection has running while it waits for its client, and the rules it
 * enforces: the header watch while a header block is awaited, the body watch while a body is
 * read, and the linger timeout after an error answer. Those phases never overlap, so one timer is
 * enough, and starting a phase ends the one before. When a limit runs out the watch closes the
 * stream; whoever waited on it hears of the close as of any other (chapter 4's close callback,
 * chapter 7's coroutine waking in {@code await} with a {@code StreamClosedException}), so a
 * timeout needs no path of its own through either connection.
 *
 * <p>Both connections use this class, chapter 4's {@link HTTPConnection} and chapter 7's
 * coroutine connection, so the rules exist once. {@code owner} names the connection in the trace
 * ({@code HTTPConnection.header_timeout}, {@code HTTP1Connection.header_timeout}); the log lines are
 * the same for both. The limits come from an object the server's connections share (the
 * server's {@link HTTPServerOptions}, or chapter 7's parameters made from them), not copied into
 * every watch: an idle keep-alive connection holds one of these, and the bytes add up.
 */
@JavaOnly("Tornado 4 bounds a header block with one gen.with_timeout and a body with another; "
        + "our rules (a deadline from the first byte, no progress, a minimum rate) each watch a moving figure")
public final class ReadWatch implements Runnable {
    /** Timeouts are everyday events for a server: logged quietly, as malformed requests are. */
    private static final Logger log = Logger.getLogger("tornado.general");

    /**
     * The limits a watch enforces. {@link HTTPServerOptions} is one (its accessors have these
     * names), and so are chapter 7's connection parameters.
     */
    public interface Limits {
        /** How long a whole header block may take, from when we start waiting for it. */
        Duration idleConnectionTimeout();

        /** How long a header block may take from its first byte. */
        Duration headerTimeout();

        /** How long a body may go without a byte, or null for no limit. */
        Duration bodyTimeout();

        /** With {@link #minBodyRate}, the body deadline ({@link HTTPServerOptions#bodyDeadline}). */
        Duration bodyGracePeriod();

        /** Bytes per second a body must keep up after the grace period; 0 for no deadline. */
        long minBodyRate();
    }

    private final IOStream stream;
    private final String owner;
    private final Limits limits;
    private Timeout timeout;

    // The header watch's deadline, on the loop's clock. It is the idle deadline, set when we
    // start waiting; when the first byte of the request is seen, the header deadline takes its
    // place if it falls sooner. One figure and two flags, where two deadlines were 8 of the
    // bytes each idle keep-alive connection holds (the Benchmarks page, "What an idle connection
    // holds").
    private long deadline;
    // The first byte of this header block has been seen: the deadline will not move again.
    private boolean byteSeen;
    // The deadline is the header one, not the idle one: it says which log line a close gets.
    private boolean deadlineIsHeader;
    // Whether the header watch is on (from headers() to headersReceived() or cancel()), and
    // whether `timeout` is its timer, which headersReceived leaves to run out (see headers()).
    private boolean watchingHeaders;
    private boolean headerTimer;
    /** The body watch's figures while it is on; null otherwise (see Body). */
    private Body body;

    /**
     * What the body watch follows: what counts as the body's progress, when the body began (the
     * headers were read), how many body bytes had arrived at its last look, and when that
     * changed. Made when a body watch starts and dropped when it ends, so a connection between
     * requests holds none of it: kept as the watch's own fields, these were 24 of the bytes every
     * idle keep-alive connection holds (the Benchmarks page, "What an idle connection holds"),
     * and now a request with a body makes this 40-byte object once.
     */
    private static final class Body {
        final LongSupplier received;
        final long startedAt;
        long seen = -1;
        long seenAt;

        Body(LongSupplier received, long startedAt) {
            this.received = received;
            this.startedAt = startedAt;
        }
    }

    /** A watch over {@code stream} with {@code limits}, for the connection the trace calls {@code owner}. */
    public ReadWatch(IOStream stream, String owner, Limits limits) {
        this.stream = stream;
        this.owner = owner;
        this.limits = limits;
    }

    // tag::timeouts[]
    /**
     * The header watch: one timer that enforces two limits while we wait for a header block.
     * <ul>
     *   <li>The idle timeout (Tornado 4.0's {@code idle_connection_timeout}, an hour): counted
     *       from when we start waiting, it bounds the whole wait, as in Tornado, so a connection
     *       that sends nothing, or never finishes its headers, is closed when it runs out.</li>
     *   <li>The header timeout (ours, 60 s by default): once the first byte of a request has
     *       arrived, the whole header block must follow within it. This is what stops a
     *       "slowloris" client, which sends a header line every few seconds to hold a connection
     *       for the full hour.</li>
     * </ul>
     * The stream tells nobody when a byte arrives without completing a read, so the watch looks:
     * while the connection is idle it wakes every quarter of the header timeout and checks
     * whether the stream's buffer holds anything. The header deadline therefore starts up to a
     * quarter late, and a header block gets between 1 and 1.25 header timeouts. Between requests
     * nobody is owed an answer, and a client that sends its headers a byte a minute does not
     * deserve one, so either limit just closes.
     */
    public void headers() {
        long now = stream.ioLoop().time();
        deadline = now + limits.idleConnectionTimeout().toNanos();
        byteSeen = false;
        deadlineIsHeader = false;
        // The last request's header timer, which headersReceived left running, serves this wait
        // too if it is due no later than this wait's first look: it looks early, and looking is
        // all it does. So a keep-alive connection sets a timer once a quarter of the header
        // timeout, not once per request: a timer made and removed for every request was 36 of
        // the bytes hello allocates per request and 84 of uri-echo's (PerRequest hello and
        // uri-echo: 1,893 to 1,857, 1,134 to 1,050), and an insertion into the loop's timer heap.
        long quarterOn = now + quarter(limits.headerTimeout());
        long firstLook = quarterOn - deadline < 0 ? quarterOn : deadline;
        if (headerTimer && timeout.pending() && timeout.deadline() - firstLook <= 0) {
            watchingHeaders = true;
            return;
        }
        cancel();
        watchingHeaders = true;
        watchHeaders();
    }

    /**
     * The header block has arrived: the header watch ends. Its timer is not removed but left to
     * run out, doing nothing when it does, so that the next {@link #headers} can take it over; a
     * body watch, the linger timeout or {@link #cancel} removes it.
     */
    public void headersReceived() {
        watchingHeaders = false;
    }

    private void watchHeaders() {
        timeout = null;
        headerTimer = false;
        if (!watchingHeaders || stream.closed()) return;
        long now = stream.ioLoop().time();
        Duration headerTimeout = limits.headerTimeout();
        if (!byteSeen && stream.readBufferSize() > 0) {
            byteSeen = true;
            long header = now + headerTimeout.toNanos();
            if (header - deadline < 0) {
                deadline = header;
                deadlineIsHeader = true;
            }
        }
        if (now - deadline < 0) {
            // Before the first byte, look again each quarter of the header timeout; after it, the
            // deadline is all that is left to wait for.
            long next = byteSeen ? deadline : now + quarter(headerTimeout);
            timeout = stream.ioLoop().callAt(next - deadline < 0 ? next : deadline, this);
            headerTimer = true;
        } else if (deadlineIsHeader) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, owner + ".header_timeout", "header block not complete within " + Durations.describe(headerTimeout));
            log.info("Closing connection from " + remote() + ": header block not complete within " + Durations.describe(headerTimeout));
            stream.close();
        } else {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, owner + ".idle_timeout", "no request within " + Durations.describe(limits.idleConnectionTimeout()));
            log.fine("Closing idle connection from " + remote());
            stream.close();
        }
    }

    /**
     * The body watch, two limits on one timer, both ours in this form:
     * <ul>
     *   <li>the body timeout, on no progress ({@code bodyTimeout}, 60 s by default, or null for
     *       none): the watch looks every quarter of it at how many body bytes have arrived
     *       ({@code received}: what the connection has taken in so far, plus what waits in the
     *       stream's buffer), and closes when the figure has not moved for the whole timeout;</li>
     *   <li>the body deadline ({@link HTTPServerOptions#bodyDeadline}: {@code bodyGracePeriod}, 20 s
     *       by default, plus a second per {@code minBodyRate} bytes received, 64 KiB; no deadline
     *       when {@code minBodyRate} is 0): a body holds its share of the server's body budget from
     *       its headers on, so it must keep arriving at a minimum average rate, or one client that
     *       sends headers and then a byte every few seconds would hold that share, and with a few
     *       such clients nobody could upload.</li>
     * </ul>
     * Tornado 4's {@code body_timeout} is one fixed deadline for the whole body, whatever its
     * size, and is off by default; a deadline that grows with what has arrived does the same job
     * without cutting off a large upload on a slow but steady link. Like the header limits,
     * either one just closes: the client has stopped sending what it promised.
     */
    public void body(LongSupplier received) {
        cancel();
        if (limits.bodyTimeout() == null && limits.minBodyRate() == 0) return;
        body = new Body(received, stream.ioLoop().time());
        watchBody();
    }

    private void watchBody() {
        timeout = null;
        if (stream.closed()) return;
        long now = stream.ioLoop().time();
        Duration bodyTimeout = limits.bodyTimeout();
        long got = stream.readBufferSize() + body.received.getAsLong();
        if (got != body.seen) {
            body.seen = got;
            body.seenAt = now;
        } else if (bodyTimeout != null && now - body.seenAt >= bodyTimeout.toNanos()) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, owner + ".body_timeout", "no body byte for " + Durations.describe(bodyTimeout));
            log.info("Timeout reading body from " + remote() + ": no byte for " + Durations.describe(bodyTimeout));
            stream.close();
            return;
        }
        // The body deadline: the grace period plus a second per minBodyRate bytes received so
        // far. It moves on as bytes arrive, so we look again when it falls due, and only then
        // close if it has not moved.
        long deadline = HTTPServerOptions.bodyDeadline(body.startedAt, got, limits.bodyGracePeriod(), limits.minBodyRate());
        if (now - deadline >= 0) {
            String why = got + " bytes in " + Durations.describe(now - body.startedAt) + ", slower than the minimum of "
                    + limits.minBodyRate() + " bytes/s after " + Durations.describe(limits.bodyGracePeriod());
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, owner + ".body_timeout", why);
            log.info("Timeout reading body from " + remote() + ": " + why);
            stream.close();
            return;
        }
        long next = bodyTimeout == null ? deadline : now + quarter(bodyTimeout);
        timeout = stream.ioLoop().callAt(next - deadline < 0 ? next : deadline, this);
    }

    /**
     * The timer has fired: look again with whichever watch set it (the body watch while a body
     * is read, otherwise the header watch, which does nothing if its wait has ended). The loop
     * calls the watch itself rather than a callback object made for the purpose: a
     * {@code this::watchHeaders} handed to every timer was one more 16-byte object that each
     * idle keep-alive connection holds (the Benchmarks page, "What an idle connection holds").
     * Not for anyone else to call.
     */
    @Override
    public void run() {
        if (body != null) {
            watchBody();
        } else {
            watchHeaders();
        }
    }

    /** After an error answer: close the stream once {@code linger} has passed, unless cancelled first. */
    public void closeAfter(Duration linger) {
        cancel();
        timeout = stream.ioLoop().callLater(linger, stream::close);
    }

    /**
     * The client's address for a log line, asked of the socket only then: a timeout is rare, and
     * a field for it would cost every idle connection four bytes.
     */
    private String remote() {
        InetAddress a = stream.channel().socket().getInetAddress();
        return a == null ? "a closed socket" : a.getHostAddress();
    }

    private static long quarter(Duration d) {
        return Math.max(1_000_000, d.toNanos() / 4);
    }

    /** Stops whichever watch is running (a read completed, or the connection closed). */
    public void cancel() {
        if (timeout != null) {
            stream.ioLoop().removeTimeout(timeout);
            timeout = null;
        }
        watchingHeaders = false;
        headerTimer = false;
        // The body's figures belong to the request it watched; an idle connection keeps none.
        body = null;
    }
    // end::timeouts[]
}
