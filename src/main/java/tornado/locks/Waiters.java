package tornado.locks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import tornado.concurrent.Future;
import tornado.ioloop.IOLoop;
import tornado.ioloop.Timeout;
import tornado.trace.Mirrors;

/**
 * The queue of futures that coroutines wait on, shared by every lock here. A waiter that gives
 * up (its timeout fired, or its coroutine cancelled the future) stays in the queue, done, and the
 * code that wakes waiters skips done ones. So that a loop of short timed waits cannot fill memory
 * with dead waiters, every hundredth timeout sweeps them out: Tornado's
 * {@code _TimeoutGarbageCollector}.
 *
 * <p>The class is public for one thing only, {@link #giveUpAfter}: the rule for a wait with a
 * timeout, which chapter 6's queues (they come after the locks) keep too. The queue of waiters
 * itself is this package's.
 */
@Mirrors("locks._TimeoutGarbageCollector 4.5")
public final class Waiters<T> {
    private ArrayDeque<Future<T>> waiters = new ArrayDeque<>();
    private int timeouts;

    Waiters() {}

    /**
     * Adds a waiter; with a {@code timeout}, {@code onTimeout} runs on the waiter if it is still
     * pending by then (as {@link #giveUpAfter} says), and every timeout that fires counts towards
     * the next sweep.
     */
    Future<T> add(Duration timeout, Consumer<Future<T>> onTimeout) {
        Future<T> waiter = new Future<>(IOLoop.current());
        waiters.add(waiter);
        giveUpAfter(waiter, timeout, w -> {
            onTimeout.accept(w);
            garbageCollect();
        });
        return waiter;
    }

    // tag::give-up-after[]
    /**
     * The one rule for a wait with a time limit: if {@code waiter} is still pending after
     * {@code timeout}, {@code onTimeout} completes it (with a {@code TimeoutError}, or with
     * {@code false} for a condition); as soon as the waiter is done either way, the loop's timeout
     * is removed, so that a wait that ended early leaves nothing behind on the loop. A null
     * {@code timeout} waits for ever. Tornado writes this out in each lock's wait and once more as
     * queues.py's {@code _set_timeout}; here the locks and the queues share it.
     */
    @Mirrors("queues._set_timeout 4.5")
    public static <V> void giveUpAfter(Future<V> waiter, Duration timeout, Consumer<Future<V>> onTimeout) {
        if (timeout == null) return;
        IOLoop loop = waiter.ioLoop();
        Timeout handle = loop.callLater(timeout, () -> {
            if (!waiter.done()) onTimeout.accept(waiter);
        });
        waiter.addDoneCallback(done -> loop.removeTimeout(handle));
    }
    // end::give-up-after[]

    /** The first waiter still pending, taken off the queue; null if none is. */
    Future<T> pollPending() {
        Future<T> w;
        while ((w = waiters.poll()) != null) {
            if (!w.done()) return w;
        }
        return null;
    }

    boolean isEmpty() {
        for (Future<T> w : waiters) if (!w.done()) return false;
        return true;
    }

    /** How many waiters the queue holds, done or not (for tests of the sweep). */
    int size() {
        return waiters.size();
    }

    @Mirrors("locks._TimeoutGarbageCollector._garbage_collect 4.5")
    private void garbageCollect() {
        if (++timeouts > 100) {
            timeouts = 0;
            ArrayDeque<Future<T>> live = new ArrayDeque<>();
            for (Future<T> w : waiters) if (!w.done()) live.add(w);
            waiters = live;
        }
    }
}
