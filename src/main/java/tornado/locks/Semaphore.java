package tornado.locks;

import java.time.Duration;

import tornado.concurrent.Future;
import tornado.gen.TimeoutError;
import tornado.trace.Mirrors;

/**
 * A counter of permits: {@link #acquire} takes one (waiting while there are none),
 * {@link #release} gives one back and lets the longest waiter in. Mirrors locks.py's
 * {@code Semaphore} (4.2). Typical use is to bound how many coroutines do something at once:
 * <pre>
 *   try (Semaphore.Releaser held = await(downloads.acquire())) {
 *       … at most N coroutines are here at any moment …
 *   }
 * </pre>
 * The try-with-resources block is Python's {@code with (yield sem.acquire()):}: the permit goes
 * back however the block is left. A coroutine primitive of one loop, not a thread semaphore:
 * waiting costs a future, not a blocked thread, and nothing here is synchronized.
 */
@Mirrors("locks.Semaphore 4.5")
public class Semaphore {
    private final Waiters<Releaser> waiters = new Waiters<>();
    private int value;
    private final Releaser releaser = new Releaser();

    @Mirrors("locks.Semaphore.__init__ 4.5")
    public Semaphore(int value) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0, got " + value);
        this.value = value;
    }

    /** What an acquire gives: closing it releases the permit (Tornado's {@code _ReleasingContextManager}). */
    @Mirrors("locks._ReleasingContextManager 4.5")
    public final class Releaser implements AutoCloseable {
        private Releaser() {}

        @Override
        public void close() {
            release();
        }
    }

    /** The number of permits free now. */
    @Mirrors("locks.Semaphore._value 4.5")
    public int value() {
        return value;
    }

    // tag::acquire[]
    /**
     * A future that is done once a permit is ours: at once if one is free, otherwise when a
     * {@link #release} reaches us in turn. Cancel the future to stop waiting.
     */
    @Mirrors("locks.Semaphore.acquire 4.5")
    public Future<Releaser> acquire() {
        return acquire(null);
    }

    /** As {@link #acquire()}, failing with {@link TimeoutError} if no permit came within {@code timeout}. */
    @Mirrors("locks.Semaphore.acquire 4.5")
    public Future<Releaser> acquire(Duration timeout) {
        if (value > 0) {
            value--;
            return Future.completed(releaser);
        }
        return waiters.add(timeout, w -> w.setException(new TimeoutError("no permit within " + timeout.toMillis() + " ms")));
    }
    // end::acquire[]

    // tag::release[]
    /** Gives a permit back; the first waiter that has not given up takes it at once. */
    @Mirrors("locks.Semaphore.release 4.5")
    public void release() {
        value++;
        Future<Releaser> w = waiters.pollPending();
        if (w != null) {
            value--;
            w.setResult(releaser);
        }
    }
    // end::release[]

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (value == 0 ? "locked" : "unlocked,value:" + value)
                + (waiters.isEmpty() ? "" : ",waiters") + "]";
    }
}
