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
 */
@Mirrors("locks._TimeoutGarbageCollector 4.5")
final class Waiters<T> {
    private ArrayDeque<Future<T>> waiters = new ArrayDeque<>();
    private int timeouts;

    /**
     * Adds a waiter; with a {@code timeout}, {@code onTimeout} runs on the waiter if it is still
     * pending by then, and the loop's timeout is removed as soon as the waiter is done either way.
     */
    Future<T> add(Duration timeout, Consumer<Future<T>> onTimeout) {
        IOLoop loop = IOLoop.current();
        Future<T> waiter = new Future<>(loop);
        waiters.add(waiter);
        if (timeout != null) {
            Timeout handle = loop.callLater(timeout, () -> {
                if (!waiter.done()) onTimeout.accept(waiter);
                garbageCollect();
            });
            waiter.addDoneCallback(done -> loop.removeTimeout(handle));
        }
        return waiter;
    }

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
