package tornado.ioloop;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.trace.Mirrors;

/**
 * Runs a callback every {@code period} on an IOLoop. Mirrors ioloop.py's
 * {@code PeriodicCallback}.
 *
 * <p>Each run schedules the next one as an ordinary timeout. If the callback (or the loop) was so
 * slow that one or more deadlines have already passed, the missed runs are skipped rather than
 * fired back to back: the schedule stays on its original grid (0, p, 2p, …), which is what you
 * want for housekeeping such as closing idle connections.
 */
@Mirrors("ioloop.PeriodicCallback")
public final class PeriodicCallback {
    private static final Logger log = Logger.getLogger("tornado.application");

    private final Runnable callback;
    private final long periodNanos;
    private final IOLoop loop;
    private boolean running;
    private long nextDeadline;
    private Timeout timeout;

    @Mirrors("ioloop.PeriodicCallback.__init__")
    public PeriodicCallback(Runnable callback, Duration period, IOLoop loop) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("PeriodicCallback period must be positive, got " + period);
        }
        this.callback = callback;
        this.periodNanos = period.toNanos();
        this.loop = loop;
    }

    /** Starts the timer; the first run is one period from now. Call on the loop's thread. */
    @Mirrors("ioloop.PeriodicCallback.start")
    public void start() {
        running = true;
        nextDeadline = loop.time();
        scheduleNext();
    }

    /** Stops the timer; a run already under way finishes, no further run happens. */
    @Mirrors("ioloop.PeriodicCallback.stop")
    public void stop() {
        running = false;
        if (timeout != null) {
            loop.removeTimeout(timeout);
            timeout = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        if (!running) return;
        try {
            callback.run();
        } catch (RuntimeException e) {
            // Like any callback on the loop: log it with its stack and keep the schedule going.
            log.log(Level.SEVERE, "Exception in PeriodicCallback " + callback, e);
        }
        scheduleNext();
    }

    private void scheduleNext() {
        if (!running) return;
        long now = loop.time();
        // Step forward on the grid until we are in the future; missed runs are skipped, not queued.
        while (nextDeadline <= now) nextDeadline += periodNanos;
        timeout = loop.callAt(nextDeadline, this::run);
    }
}
