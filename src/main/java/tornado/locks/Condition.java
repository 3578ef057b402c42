package tornado.locks;

import java.time.Duration;

import tornado.concurrent.Future;
import tornado.trace.Mirrors;

/**
 * Lets coroutines wait until another coroutine tells them to go on. Mirrors locks.py's
 * {@code Condition} (4.2).
 * <pre>
 *   await(condition.waitFor());          // a waiter: parks until notifyOne()
 *   condition.notifyOne();              // another coroutine: wakes the first waiter
 * </pre>
 *
 * <p>Like everything in this package it is a primitive of one loop's coroutines, not a thread
 * lock: a waiting coroutine costs no thread, nothing here is synchronized, and there is no
 * "acquire the lock around the wait" as with {@code java.util.concurrent}'s conditions, because
 * only one coroutine runs at a time anyway.
 */
@Mirrors("locks.Condition 4.5")
public final class Condition {
    private final Waiters<Boolean> waiters = new Waiters<>();

    /**
     * A future that is done with {@code true} once {@link #notify} picks this waiter. Tornado's
     * {@code wait}, renamed because {@code Object.wait} is final in Java.
     */
    @Mirrors("locks.Condition.wait 4.5")
    public Future<Boolean> waitFor() {
        return waitFor(null);
    }

    /** As {@link #waitFor()}; after {@code timeout} the future is done with {@code false} instead. */
    @Mirrors("locks.Condition.wait 4.5")
    public Future<Boolean> waitFor(Duration timeout) {
        return waiters.add(timeout, w -> w.setResult(false));
    }

    /** Wakes up to {@code n} waiters, in the order they began to wait. */
    @Mirrors("locks.Condition.notify 4.5")
    public void notify(int n) {
        for (int i = 0; i < n; i++) {
            Future<Boolean> w = waiters.pollPending();
            if (w == null) return;
            w.setResult(true);
        }
    }

    /** Wakes one waiter. (Not {@code Object.notify}: that one takes no argument.) */
    @Mirrors("locks.Condition.notify 4.5")
    public void notifyOne() {
        notify(1);
    }

    @Mirrors("locks.Condition.notify_all 4.5")
    public void notifyAllWaiters() {
        notify(Integer.MAX_VALUE);
    }

    int waiterCount() {
        return waiters.size();
    }
}
