package tornado.concurrent;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.ioloop.IOLoop;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;
import tornado.trace.Trace;
import tornado.web.PendingResult;

/**
 * A result that is not there yet: the placeholder an asynchronous call returns at once, and
 * completes later with {@link #setResult} or {@link #setException}. Whoever wants the result
 * asks to be called back ({@link #addDoneCallback}), or, in a coroutine, waits for it with
 * {@code Gen.await}. Mirrors concurrent.py's {@code Future} (Tornado 4.0–4.5), with two rules
 * taken from the asyncio future that Tornado 5 and 6 use instead:
 *
 * <ul>
 *   <li><b>Callbacks always go through the loop.</b> A done callback runs on the loop's next
 *       iteration, never inside the {@code setResult} that completed the future (Tornado 4.x ran
 *       them inline there). With inline callbacks, a chain of futures where each callback
 *       completes the next one recurses once per link, and ten thousand links overflow the
 *       stack; through the loop, each link is one short callback and the stack never grows. It is
 *       the same rule chapter 2's {@code IOStream._run_callback} keeps for streams, for the same
 *       reason. The price is one loop iteration per link.</li>
 *   <li><b>A future can be cancelled</b> (asyncio's {@code cancel}; Tornado 4.x's always said
 *       no). Cancelling completes it with a {@link CancellationException}; whoever would have set
 *       its result finds it done and uses {@link Futures#setResultUnlessCancelled}. The locks and
 *       queues of this chapter use that to forget a waiter that gave up.</li>
 * </ul>
 *
 * <p><b>One loop, no locks.</b> A future belongs to the loop that was current where it was made,
 * and is used from that loop's thread and from its coroutines (which only run while the loop
 * waits for them, see {@code Runner}). It is not a thread-safe object like
 * {@link java.util.concurrent.CompletableFuture}; a thread that is not the loop's hands its result
 * over with {@link IOLoop#addCallback}, as in Tornado.
 *
 * <p>It implements chapter 5's {@link PendingResult}, so a handler method can hand a future back to
 * {@code RequestHandler._execute} (see chapter 6, "Handlers as coroutines").
 */
@Mirrors({"concurrent.Future 4.5", "concurrent.TracebackFuture 4.5"})
public final class Future<T> implements PendingResult {
    private static final Logger log = Logger.getLogger("tornado.application");

    /**
     * Watches failed futures whose exception nobody looked at. One daemon thread for the whole
     * process; it runs a future's {@link Unretrieved} action once the future is unreachable.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    // The future's state. PENDING until one of the three completions; then fixed.
    private static final int PENDING = 0, RESULT = 1, FAILED = 2, CANCELLED = 3;

    private final IOLoop loop;
    private int state = PENDING;
    private T result;
    private Throwable exception;
    // Callbacks waiting for completion: none, one (the common case: one awaiting coroutine), or a list.
    private Object callbacks;
    // Set while a failure has not been retrieved; see setException.
    private Unretrieved unretrieved;
    private Cleaner.Cleanable cleanable;

    /** A pending future of the loop that is current here ({@link IOLoop#current()}). */
    @Mirrors("concurrent.Future.__init__ 4.5")
    public Future() {
        this(IOLoop.current());
    }

    /** A pending future whose callbacks run on {@code loop}. */
    @Mirrors("concurrent.Future.__init__ 4.5")
    public Future(IOLoop loop) {
        if (loop == null) throw new IllegalArgumentException("a Future needs the IOLoop its callbacks run on");
        this.loop = loop;
    }

    /** A future already completed with {@code value}: what {@code gen.maybe_future} makes. */
    @JavaOnly("a done future in one call, where Tornado makes a Future and calls set_result on it")
    public static <T> Future<T> completed(T value) {
        Future<T> f = new Future<>();
        f.setResult(value);
        return f;
    }

    /** A future already failed with {@code error}. */
    @JavaOnly("a failed future in one call, where Tornado makes a Future and calls set_exception on it")
    public static <T> Future<T> failed(Throwable error) {
        Future<T> f = new Future<>();
        f.setException(error);
        return f;
    }

    /**
     * Whether anyone has asked to hear when this future is done: the layer that completes it
     * ({@link FutureStream}) skips the work a waiter would need when there is none.
     */
    boolean hasCallbacks() {
        return callbacks != null;
    }

    /** The loop this future's callbacks run on. */
    @JavaOnly("a future here belongs to the one loop its callbacks run on; Tornado 4's futures know no loop")
    public IOLoop ioLoop() {
        return loop;
    }

    // ================================================================== asking

    /** True once a result, an exception or a cancellation has been set. */
    @Mirrors("concurrent.Future.done 4.5")
    public boolean done() {
        return state != PENDING;
    }

    /** True if the future was cancelled before it completed. */
    @Mirrors("concurrent.Future.cancelled 4.5")
    public boolean cancelled() {
        return state == CANCELLED;
    }

    // tag::result[]
    /**
     * The result; if the future failed, throws its exception (the same object, so its stack trace
     * is where it was first thrown). A checked exception comes out wrapped in a
     * {@link FutureFailedException} whose cause it is, since this method cannot declare it; a
     * coroutine's {@code await} throws it as it is. Asking a pending future is a programming
     * error: Tornado's futures never block, and neither do ours.
     */
    @Mirrors("concurrent.Future.result 4.5")
    public T result() {
        switch (state) {
            case RESULT:
                return result;
            case PENDING:
                throw new IllegalStateException("result() of a Future that is not done yet: wait with "
                        + "addDoneCallback, or with Gen.await inside a coroutine");
            default:
                Throwable e = exception();
                if (e instanceof RuntimeException re) throw re;
                if (e instanceof Error err) throw err;
                throw new FutureFailedException(e);
        }
    }
    // end::result[]

    /**
     * What the future failed with, or null if it succeeded; a cancelled future answers with its
     * {@link CancellationException}. Looking counts as retrieving: the exception will not be
     * logged as "never retrieved".
     */
    @Mirrors("concurrent.Future.exception 4.5")
    public Throwable exception() {
        if (state == PENDING) {
            throw new IllegalStateException("exception() of a Future that is not done yet");
        }
        markRetrieved();
        return exception;
    }

    // ================================================================== completing

    // tag::set-result[]
    /**
     * Completes the future with {@code value} and schedules its callbacks on the loop. A second
     * completion is a bug in the caller (two pieces of code each think they own the result), so
     * it throws rather than silently keeping one of the two values.
     */
    @Mirrors("concurrent.Future.set_result 4.5")
    public void setResult(T value) {
        // The description of the call is made only when it is refused: building it each time cost
        // every completed read a String of its byte array (about 200 bytes a request, PerRequest
        // hello --connection=coroutine, bench/README.adoc).
        if (state != PENDING) refuseSecondCompletion("setResult(" + value + ")");
        result = value;
        state = RESULT;
        scheduleCallbacks();
    }
    // end::set-result[]

    // tag::set-exception[]
    /**
     * Completes the future with a failure. If nobody ever retrieves it ({@link #result},
     * {@link #exception}, or an {@code await}), it is logged with its stack trace once the future
     * is garbage-collected: "Future exception was never retrieved", as Tornado's
     * {@code _TracebackLogger} does (4.x) and asyncio after it. An error that nobody waits for is
     * a bug that would otherwise vanish without a trace.
     */
    @Mirrors({"concurrent.Future.set_exception 4.5", "concurrent.Future.set_exc_info 4.5"})
    public void setException(Throwable error) {
        if (error == null) throw new IllegalArgumentException("setException needs an exception");
        if (state != PENDING) refuseSecondCompletion("setException(" + error + ")");
        exception = error;
        state = FAILED;
        // The action holds the exception but not the future: a Cleaner action that referred to
        // its own future would keep it reachable forever, and it would never be cleaned.
        unretrieved = new Unretrieved(error);
        cleanable = CLEANER.register(this, unretrieved);
        scheduleCallbacks();
    }
    // end::set-exception[]

    /**
     * Cancels a pending future: it completes with a {@link CancellationException} and its
     * callbacks run. Returns false (and does nothing) if it was already done. Cancelling tells
     * the waiters to stop waiting; it cannot stop work already under way elsewhere.
     */
    @Mirrors("concurrent.Future.cancel 4.5")
    public boolean cancel() {
        if (state != PENDING) return false;
        exception = new CancellationException("Future cancelled");
        state = CANCELLED;
        scheduleCallbacks();
        return true;
    }

    private void refuseSecondCompletion(String what) {
        String now = switch (state) {
            case RESULT -> "a result (" + result + ")";
            case FAILED -> "an exception (" + exception + ")";
            default -> "been cancelled";
        };
        throw new IllegalStateException(what + " on a Future that already has " + now
                + "; a Future is completed once, by its one owner");
    }

    /**
     * True while this future holds a failure nobody has retrieved: dropped now, it would be
     * logged. For this package's tests, which cannot wait for the garbage collector to say so.
     */
    @JavaOnly("a test's view of what the Cleaner would log")
    boolean failureUnretrieved() {
        return unretrieved != null;
    }

    private void markRetrieved() {
        if (unretrieved != null) {
            unretrieved.error = null;
            cleanable.clean(); // runs the (now silent) action and forgets the registration
            unretrieved = null;
            cleanable = null;
        }
    }

    /**
     * The Cleaner's action for a failed future: logs the failure if it was never retrieved. Runs
     * on the Cleaner's thread, after the future became unreachable, or at once (silently) when
     * the failure is retrieved.
     */
    @Mirrors("concurrent._TracebackLogger 4.5")
    private static final class Unretrieved implements Runnable {
        volatile Throwable error;

        Unretrieved(Throwable error) {
            this.error = error;
        }

        @Override
        public void run() {
            Throwable e = error;
            if (e != null) log.log(Level.SEVERE, "Future exception was never retrieved: " + e, e);
        }
    }

    // ================================================================== callbacks

    // tag::add-done-callback[]
    /**
     * Calls {@code callback} with this future once it is done, on the loop's next iteration;
     * if it is done already, on the next iteration too, never right now. Callbacks run in the
     * order they were added.
     */
    @Mirrors("concurrent.Future.add_done_callback 4.5")
    @SuppressWarnings("unchecked")
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (callback == null) throw new IllegalArgumentException("addDoneCallback needs a callback");
        if (state != PENDING) {
            schedule(callback);
        } else if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof List<?> list) {
            ((List<Object>) list).add(callback);
        } else {
            List<Object> list = new ArrayList<>(2);
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallbacks() {
        Object cbs = callbacks;
        callbacks = null;
        if (cbs == null) return;
        if (Trace.on) Trace.step(0, DEPTH, "Future._set_done", describeState());
        if (cbs instanceof List<?> list) {
            for (Object cb : list) schedule((Consumer<? super Future<T>>) cb);
        } else {
            schedule((Consumer<? super Future<T>>) cbs);
        }
    }

    private void schedule(Consumer<? super Future<T>> callback) {
        loop.addCallback(() -> callback.accept(this));
    }
    // end::add-done-callback[]

    /** Chapter 5's view of a future: tells {@code done} the failure (or null) once this is done. */
    @Override
    public void whenDone(Consumer<Throwable> done) {
        addDoneCallback(f -> done.accept(f.exception()));
    }

    // Where the future's own trace step sits: it is called from whatever completed it.
    private static final int DEPTH = Trace.CALL;

    private String describeState() {
        return switch (state) {
            case RESULT -> "result " + Trace.shortly(result);
            case FAILED -> "exception " + exception;
            case CANCELLED -> "cancelled";
            default -> "pending";
        };
    }

    @Override
    public String toString() {
        return "Future(" + describeState() + ")";
    }
}
