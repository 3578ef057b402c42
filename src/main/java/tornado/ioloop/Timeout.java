package tornado.ioloop;

import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * A callback scheduled for a moment on the loop's clock, and the handle its owner keeps to
 * cancel it. Mirrors ioloop.py's {@code _Timeout}.
 *
 * <p>Cancelling does not dig the entry out of the loop's heap (that would cost O(n)); it drops the
 * callback, and the loop throws the empty entry away when it reaches the top of the heap. This is
 * exactly Tornado's trick: {@code remove_timeout} sets {@code timeout.callback = None}.
 */
@Mirrors("ioloop._Timeout")
public sealed class Timeout implements Comparable<Timeout> permits Timeout.Traced {
    final long deadline;
    /** Ties between equal deadlines go to the one scheduled first, so order is predictable. */
    final long order;
    Runnable callback;

    Timeout(long deadline, long order, Runnable callback) {
        this.deadline = deadline;
        this.order = order;
        this.callback = callback;
    }

    /** The deadline on the loop's clock ({@link IOLoop#time()}, in nanoseconds). */
    public long deadline() {
        return deadline;
    }

    /** False once the timeout has fired or been removed. */
    public boolean pending() {
        return callback != null;
    }

    @Override
    public int compareTo(Timeout o) {
        int c = Long.compare(deadline, o.deadline);
        return c != 0 ? c : Long.compare(order, o.order);
    }

    /**
     * A timeout added while the trace is on, with what the trace says when it fires: the
     * connection whose step added it and the delay it was added with, so that its firing is
     * reported under that connection ("the 100 ms timeout is due") rather than as the loop's
     * anonymous work. Kept out of every other timeout: an idle keep-alive connection holds one
     * timer, and the two fields made it 48 bytes instead of 32 (the Benchmarks page, "What an
     * idle connection holds").
     */
    @JavaOnly("the trace is ours; Tornado's _Timeout has only its deadline and callback")
    static final class Traced extends Timeout {
        final int conn;
        final long delayNanos;

        Traced(long deadline, long order, Runnable callback, int conn, long delayNanos) {
            super(deadline, order, callback);
            this.conn = conn;
            this.delayNanos = delayNanos;
        }
    }
}
