package tornado.gen;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import tornado.concurrent.Future;
import tornado.concurrent.FutureFailedException;
import tornado.concurrent.Futures;
import tornado.ioloop.IOLoop;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * Runs one coroutine: Tornado's {@code gen.Runner}, the object that drives a generator from one
 * {@code yield} to the next. Tornado's runner calls {@code gen.send(value)}; the generator runs
 * until its next {@code yield} and hands back the future it waits for; the runner asks the loop
 * to call {@code run} again when that future is done. Java has no generators, so the coroutine's
 * body runs on a virtual thread of its own, and "send" and "yield" become a hand-over of control
 * between that thread and the thread that resumed it (the loop's, almost always):
 *
 * <pre>
 *   loop thread                          coroutine's virtual thread
 *   ───────────                          ──────────────────────────
 *   enter(): running = true, unpark ──►  body runs … await(f): f not done
 *   park while running                   handle_yield: add_future(f, resume)
 *                                  ◄──   running = false, unpark loop; park
 *   loop goes on: other callbacks, I/O …
 *   f done → resume() → Runner.run
 *   enter(): running = true, unpark ──►  await returns f's result; body goes on …
 * </pre>
 *
 * <p><b>Why one-at-a-time holds.</b> Each side runs only while the {@code running} flag says it
 * is its turn, and waits (parked, using no CPU) while it is not: when the loop hands over, it
 * stops until the coroutine hands back. So the loop and its coroutines take turns on one logical
 * thread of control, exactly as Tornado's generators take turns with its loop, and code in a
 * coroutine may touch handlers, streams and plain fields without locks. The flag is volatile, and
 * that is also what makes each side see the other's plain writes (the Java memory model's
 * happens-before through a volatile write and the read that sees it). Blocking inside a coroutine
 * (a {@code Thread.sleep}, a blocking socket) stops the loop, as it does in Tornado; await a
 * future instead.
 *
 * <p>Where the coroutine's thread runs is {@link LoopCarrier}'s business: on the loop's own
 * thread when the JDK lets us (the unpark then runs the coroutine before it returns, and the
 * loop does not park), on the JDK's scheduler otherwise. The hand-over is the same either way.
 *
 * <p>The other ways Java could do this, and what they cost, are in chapter 6, "What Java uses
 * instead of a generator".
 */
@Mirrors({"gen.Runner 4.5", "gen._make_coroutine_wrapper 4.5"})
final class Runner<T> implements Runnable {
    /** The runner whose body runs on this thread, if this is a coroutine's thread. */
    private static final ThreadLocal<Runner<?>> CURRENT = new ThreadLocal<>();
    private static final AtomicLong NAMES = new AtomicLong();
    // The runner's steps are callbacks the loop runs, one level below its dispatch.
    private static final int DEPTH = Trace.ENTRY;

    private final IOLoop loop;
    private final Gen.Body<T> body;
    private final Future<T> resultFuture;
    private final Thread thread;
    // Who carries the coroutine's thread: the loop's own thread when it can (LoopCarrier), or
    // the JDK's scheduler (null).
    private final LoopCarrier carrier;
    private final String name;
    // The connection the trace files this coroutine's steps under: the one its creator was
    // working for (the request loop of connection 3, a handler's coroutine for request 7), so that
    // "waits" and "resumes" show in that connection's story, not apart from every connection.
    private final int traceConn;

    // What the loop calls when an awaited future is done; one object for the coroutine's life,
    // where a lambda written in await would be a new one for every wait.
    private final Consumer<Future<?>> resumer = done -> resume();

    // Whose turn it is: true while the coroutine's thread runs, false while the other side does.
    private volatile boolean running;
    // The thread that handed control to us last and waits to get it back. Written before the
    // volatile `running = true` that the coroutine reads, so the coroutine always sees it.
    private Thread waiter;

    Runner(IOLoop loop, Gen.Body<T> body) {
        this.loop = loop;
        this.body = body;
        this.resultFuture = new Future<>(loop);
        this.name = "coroutine-" + NAMES.incrementAndGet();
        this.carrier = LoopCarrier.forNewCoroutine(CURRENT.get());
        this.thread = LoopCarrier.newThread(carrier, name, this);
        this.traceConn = Trace.on ? Trace.currentConnection() : 0;
    }

    // A coroutine this one starts gets the same carrier (LoopCarrier.forNewCoroutine).
    LoopCarrier carrier() {
        return carrier;
    }

    /** The runner of the coroutine running on this thread, or null on any other thread. */
    static Runner<?> current() {
        return CURRENT.get();
    }

    Future<T> resultFuture() {
        return resultFuture;
    }

    // tag::start[]
    /**
     * Starts the body and waits until it first waits for something (or ends): the calling code
     * gets the coroutine's future back only then, as in Tornado, where calling a coroutine runs
     * it up to its first {@code yield} before returning.
     */
    @Mirrors("gen._make_coroutine_wrapper 4.5")
    Future<T> start() {
        if (Trace.on) Trace.step(traceConn, DEPTH, "gen.coroutine", name + " starts");
        enter(true);
        return resultFuture;
    }
    // end::start[]

    // tag::run[]
    /** The body, on the coroutine's own thread: its outcome completes the coroutine's future. */
    @Override
    public void run() {
        loop.makeCurrent();
        CURRENT.set(this);
        T value = null;
        Throwable failure = null;
        try {
            value = body.call();
        } catch (Throwable e) {
            failure = e;
        }
        // Hand control back for the last time, with the outcome; the thread then ends. The
        // side that gets control back completes the future (see enter), on its own thread.
        finished = true;
        outcomeValue = value;
        outcomeFailure = failure;
        Thread w = waiter;
        running = false;
        LoopCarrier.unpark(carrier, w);
    }

    // The body's outcome, set by its thread just before its last hand-back.
    private boolean finished;
    private T outcomeValue;
    private Throwable outcomeFailure;

    // Tornado's Runner.run at StopIteration: `self.result_future.set_result(value)`. Done by the
    // thread that resumed the coroutine (the loop's, most often), because a future's callbacks
    // are handed to the loop with addCallback, and from the loop's own thread that needs no
    // wake-up of its selector.
    //
    // Whoever waited may have cancelled the future meanwhile (Future.cancel); the coroutine ran
    // on regardless, as Tornado 6's does, and its outcome then has nobody to go to. A value is
    // dropped and a failure logged ("Exception after Future was cancelled", with its own stack
    // trace), as Tornado 6's Runner.run does with future_set_result_unless_cancelled and
    // future_set_exc_info: setting either on the cancelled future would throw here instead,
    // and the failure would survive only as words inside that error.
    @Mirrors("gen.Runner.run 6.0")
    private void complete() {
        if (outcomeFailure == null) {
            if (Trace.on) Trace.step(traceConn, DEPTH, "Future.set_result", name + " returned " + Trace.shortly(outcomeValue));
            Futures.setResultUnlessCancelled(resultFuture, outcomeValue);
        } else {
            if (Trace.on) Trace.step(traceConn, DEPTH, "Future.set_exception", name + " raised " + outcomeFailure);
            Futures.setExceptionUnlessCancelled(resultFuture, outcomeFailure);
        }
        outcomeValue = null;
        outcomeFailure = null;
    }
    // end::run[]

    // tag::await[]
    /**
     * {@code value = yield future}, on the coroutine's thread. A future that is done already
     * gives its result at once, with no hand-over (Tornado's {@code handle_yield} returns True
     * and {@code run} loops on). Otherwise the loop is asked to resume us when it is done, and
     * control goes back to whoever gave it to us; this thread parks until then.
     */
    @Mirrors({"gen.Runner.handle_yield 4.5", "gen.Runner.run 4.5"})
    <V> V await(Future<V> future) throws Exception {
        if (!future.done()) {
            if (Trace.on) Trace.step(traceConn, DEPTH, "Runner.handle_yield", name + " waits for " + future);
            Futures.addFuture(loop, future, resumer);
            suspend();
        }
        return outcome(future);
    }
    // end::await[]

    /**
     * A done future's result, or its failure thrown as it is, as the generator's {@code throw()}
     * does: the same exception object, so its stack trace still shows where it was first thrown.
     */
    static <V> V outcome(Future<V> future) throws Exception {
        Throwable e = future.exception();
        if (e == null) return future.result();
        if (e instanceof Exception ex) throw ex;
        if (e instanceof Error err) throw err;
        throw new FutureFailedException(e);
    }

    // tag::resume[]
    /** Tornado's {@code Runner.run}: the future we waited for is done; go on. On the loop's thread. */
    @Mirrors("gen.Runner.run 4.5")
    private void resume() {
        if (Trace.on) Trace.step(traceConn, DEPTH, "Runner.run", name + " resumes");
        enter(false);
    }
    // end::resume[]

    // tag::hand-over[]
    // The caller's side of the hand-over: give the coroutine its turn and wait until it is ours
    // again. Parked threads use no CPU; an interrupt is kept for later, not lost.
    //
    // The loop's turn goes with control (IOLoop.lendTurn): while the coroutine runs it counts as
    // the loop's thread, so its addCallback needs no wake-up of the selector (the loop is awake,
    // waiting right here) and the loop-only methods are safe to call from it.
    //
    // When the loop's thread carries the coroutine (LoopCarrier), the start or unpark below runs
    // the coroutine to its next wait before it returns: the turn is back before the loop could
    // park, and the loop goes straight on, as after a generator's send.
    private void enter(boolean first) {
        Thread me = Thread.currentThread();
        if (loop.isRunning() && !loop.inLoopThread()) {
            throw new IllegalStateException("a coroutine of a running IOLoop must be started on the loop's thread "
                    + "or in one of its coroutines, not on " + me.getName() + ": use loop.addCallback");
        }
        waiter = me;
        Thread had = loop.lendTurn(thread);
        running = true;
        if (first) LoopCarrier.start(carrier, thread);
        else LoopCarrier.unpark(carrier, thread);
        boolean interrupted = false;
        while (running) {
            LockSupport.park(this);
            if (Thread.interrupted()) interrupted = true;
        }
        loop.lendTurn(had);
        if (interrupted) Thread.currentThread().interrupt();
        if (finished) complete();
    }

    // The coroutine's side: give the turn back and wait until resume() gives it to us again.
    private void suspend() {
        Thread w = waiter;
        running = false;
        LoopCarrier.unpark(carrier, w);
        // As in enter: an interrupt must not turn the wait into a spin (park returns at once
        // while the flag is set), so it is taken off and put back once our turn has come.
        boolean interrupted = false;
        while (!running) {
            LockSupport.park(this);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
    // end::hand-over[]

    @Override
    public String toString() {
        return name;
    }
}
