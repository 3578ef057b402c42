package tornado.netutil;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.ioloop.CallbackBoundary;
import tornado.ioloop.IOLoop;
import tornado.trace.Durations;
import tornado.trace.JavaOnly;

/**
 * What the accept handler does when {@code accept} fails: stop accepting for a while. One per
 * listening socket and loop, used only on that loop's thread.
 *
 * <p>The pause starts at {@link #FIRST} and doubles with every failure that follows a pause,
 * up to {@link #LONGEST}; the first successful accept resets it. Each pause is logged once, with
 * the error's message (no stack: the stack is always the same, and it is the log's volume that
 * hurts) and how many accepts have failed in a row, so an operator sees "out of file descriptors,
 * 14 times, pausing 1.6 s" rather than ninety thousand stack traces a second.
 */
@JavaOnly("Tornado lets a failed accept escape to the loop (2.4) or logs it and returns (later): "
        + "either way the socket stays readable and the loop spins; chapter 3 says why we pause")
final class AcceptPause {
    private static final Logger log = Logger.getLogger("tornado.general");

    /** The first pause: long enough for a busy server to close a few connections. */
    static final Duration FIRST = Duration.ofMillis(50);
    /** The longest pause: short enough that a server that recovered is back within seconds. */
    static final Duration LONGEST = Duration.ofSeconds(2);

    private final ServerSocketChannel server;
    private final IOLoop loop;
    private Duration next = FIRST;
    private int failures;
    private boolean paused;
    /**
     * Made once, while descriptors are still free: the first use of a method reference
     * links it, and nothing that may need the JVM's resources should first happen out of them.
     */
    private final Runnable resumeLater = this::resume;

    AcceptPause(ServerSocketChannel server, IOLoop loop) {
        this.server = server;
        this.loop = loop;
        // Load the class that words the pause's log line now, while descriptors are free: out of
        // them, the JVM could not open the class file, and the log line itself would fail.
        Durations.describe(FIRST);
    }

    // tag::pause[]
    /** An accept failed: take READ away from the socket and schedule its return. */
    void afterFailure(IOException e) {
        failures++;
        if (paused || !server.isOpen()) return;
        paused = true;
        Duration pause = next;
        next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
        // Pause first, log second: the log record is the one thing here that may fail (a log
        // file needs a descriptor too), and the pause is what stops the spinning.
        loop.updateHandler(server, IOLoop.NONE);
        loop.callLater(pause, resumeLater);
        CallbackBoundary.log(log, Level.WARNING, "Cannot accept on " + server.socket().getLocalSocketAddress()
                + " (" + e.getMessage() + "): " + failures + " failed accept(s) in a row; not accepting for "
                + Durations.describe(pause), null);
    }

    /** An accept worked: the next failure starts again from the shortest pause. */
    void afterSuccess() {
        if (failures == 0) return;
        CallbackBoundary.log(log, Level.INFO, "Accepting again on " + server.socket().getLocalSocketAddress()
                + " after " + failures + " failed accept(s)", null);
        failures = 0;
        next = FIRST;
    }

    private void resume() {
        paused = false;
        // The server may have been stopped during the pause; then there is nothing to resume.
        if (!server.isOpen()) return;
        try {
            loop.updateHandler(server, IOLoop.READ);
        } catch (IllegalStateException removed) {
            // Its handler was removed meanwhile: nobody wants this socket's connections any more.
        }
    }
    // end::pause[]
}
