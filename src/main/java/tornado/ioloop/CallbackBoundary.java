package tornado.ioloop;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import tornado.trace.JavaOnly;

/**
 * The one rule for a throwable that comes out of a callback, used at every place where one layer
 * calls code it does not control: {@code IOLoop}'s dispatch, callbacks and timeouts, IOStream's
 * callbacks, HTTPConnection's request callback and RequestHandler's {@code _execute}.
 *
 * <p><b>The rule.</b> Every boundary catches {@link Throwable}, not only {@link Exception}. The loop
 * is one thread that serves every connection; a throwable that escapes it ends all of them. The
 * thing that failed is nearly always one connection's: a handler that recursed too deep
 * ({@link StackOverflowError}), an assertion, a class that failed to load, or an allocation too
 * large for the heap ({@link OutOfMemoryError} for one client's 2 GiB body: the allocation that
 * failed never happened, so the heap is as it was). So the boundary ends that connection and
 * the loop goes on serving the others. What each boundary can still do depends on what failed:
 * <ul>
 *   <li>an <em>ordinary failure</em> (any {@link Exception}, and the Errors that speak about the
 *       code that ran: stack overflow, assertion, linkage) is answered if it can be (a 500 when no
 *       byte of the response was written), logged with its stack, and the connection goes on or
 *       closes as HTTP says;</li>
 *   <li>a <em>VM failure</em> ({@link #isVmFailure}: out of memory, {@code InternalError}) is
 *       never answered, since building an answer needs the memory that just ran out: the
 *       connection is closed at once, which also lets go of the buffers it held, and the failure
 *       is logged if logging still can.</li>
 * </ul>
 * Logging itself goes through {@link #log}, which never throws: when the heap is exhausted the
 * log record may fail to build, and a boundary that threw from its own catch would end the loop
 * it was there to save.
 *
 * <p><b>What the loop cannot promise.</b> The rule holds at the boundaries. An Error inside the
 * loop's own bookkeeping, between boundaries (the selector's key sets, the timeout heap, the
 * callback list growing), still escapes {@code IOLoop.start()}, and a heap that stays full however
 * many connections are closed will fail again on the next allocation. A server that must restart
 * rather than limp on can run its JVM with {@code -XX:+ExitOnOutOfMemoryError}; the budget of
 * chapter 4 (buffered request bytes across connections) is what keeps one server's clients from
 * filling the heap in the first place.
 *
 * <p>This is what Tornado does too, said in Java: its boundaries catch {@code Exception}, and in
 * Python {@code MemoryError} and {@code RecursionError} are Exceptions. Java puts
 * {@code OutOfMemoryError} and {@code StackOverflowError} outside {@link Exception}, so the port
 * catches {@link Throwable} and writes down which of them may still be answered. Chapter 1, "What
 * the loop survives", says the same to the reader.
 */
@JavaOnly("in Python MemoryError and RecursionError are Exceptions, so Tornado's `except Exception` "
        + "covers them; Java's Errors are not, and the rule for them has to be written down")
public final class CallbackBoundary {
    private CallbackBoundary() {}

    /**
     * Loads, ahead of need, what a boundary and the log use when something goes wrong: this
     * class, the root logger's handlers (made on first use) and what their formatters need
     * (the default one formats a date, which reads the time-zone database from a file). Called
     * once, when the loop's class is loaded. The reason is running out of file descriptors: then
     * loading a class from a directory, or opening that database, fails too, and the first
     * warning of a server in trouble used to become a {@code NoClassDefFoundError} in the loop,
     * or a log record that silently never appeared.
     */
    static void prepare() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            try {
                Formatter formatter = handler.getFormatter();
                if (formatter != null) formatter.format(new LogRecord(Level.INFO, "warm-up"));
            } catch (RuntimeException ignored) {
                // A formatter that cannot format yet will say so on its first real record.
            }
        }
    }

    // tag::rule[]
    /**
     * True for a failure of the VM rather than of the code that ran: out of memory, an internal
     * error. Such a failure is never answered; the connection it happened on is closed. A stack
     * overflow is a {@code VirtualMachineError} too, but it is the recursion's own fault, the stack
     * is whole again once it has unwound, and so it is an ordinary failure.
     */
    public static boolean isVmFailure(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /**
     * Logs {@code t} at SEVERE on {@code log}, and never throws: if the record cannot be built or
     * written (no memory left, no file descriptor for the log file), it is dropped, and the
     * boundary that called this goes on with its clean-up.
     */
    public static void log(Logger log, String message, Throwable t) {
        log(log, Level.SEVERE, message, t);
    }

    /** The same at {@code level}, for a boundary whose failure is not the application's (no stack). */
    public static void log(Logger log, Level level, String message, Throwable t) {
        try {
            log.log(level, message, t);
        } catch (Throwable failedToLog) {
            // Nothing is left to report it to; the connection's clean-up matters more.
        }
    }
    // end::rule[]
}
