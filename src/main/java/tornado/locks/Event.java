package tornado.locks;

import java.time.Duration;

import tornado.concurrent.Future;
import tornado.gen.TimeoutError;
import tornado.trace.Mirrors;

/**
 * A flag coroutines can wait for: {@link #waitFor} is done at once while the flag is set, and
 * otherwise once someone calls {@link #set}. Mirrors locks.py's {@code Event} (4.2; the waiter
 * handling is 5.0's, where each wait gets a future of its own, so a timed-out waiter can be
 * dropped without touching the others).
 */
@Mirrors("locks.Event 4.5")
public final class Event {
    private final Waiters<Void> waiters = new Waiters<>();
    private boolean value;

    @Mirrors("locks.Event.is_set 4.5")
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiter. */
    @Mirrors("locks.Event.set 4.5")
    public void set() {
        if (value) return;
        value = true;
        Future<Void> w;
        while ((w = waiters.pollPending()) != null) w.setResult(null);
    }

    /** Clears the flag: waits from now on wait again. */
    @Mirrors("locks.Event.clear 4.5")
    public void clear() {
        value = false;
    }

    /** A future that is done once the flag is set (at once if it is set now). */
    @Mirrors("locks.Event.wait 4.5")
    public Future<Void> waitFor() {
        if (value) return Future.completed(null);
        return waiters.add(null, null);
    }

    /**
     * As {@link #waitFor()}, failing with {@code TimeoutError} after {@code timeout}. The waiter
     * that timed out stays in the queue, done, until the shared sweep of timed-out waiters
     * ({@code Waiters}) takes it out, so a loop of short timed waits cannot fill memory before the
     * next {@link #set} (Tornado 5 removes each one at once; 4.5 kept them until set).
     */
    @Mirrors("locks.Event.wait 4.5")
    public Future<Void> waitFor(Duration timeout) {
        if (value) return Future.completed(null);
        return waiters.add(timeout, w -> w.setException(new TimeoutError("Event not set within " + timeout.toMillis() + " ms")));
    }

    int waiterCount() {
        return waiters.size();
    }
}
