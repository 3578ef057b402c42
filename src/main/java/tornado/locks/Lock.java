package tornado.locks;

import java.time.Duration;

import tornado.concurrent.Future;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * One coroutine at a time: a {@link BoundedSemaphore} of one, as in locks.py's {@code Lock}
 * (4.2). Between two awaits a coroutine already runs alone (nothing else on the loop runs then),
 * so a lock is needed only around a section that awaits in the middle and must not be entered
 * by another coroutine meanwhile. It is not a thread lock, and it is not reentrant: a coroutine
 * that acquires it twice waits for itself forever.
 */
@Mirrors("locks.Lock 4.5")
public final class Lock {
    private final BoundedSemaphore block = new BoundedSemaphore(1, "release unlocked lock");

    /** A future that is done when the lock is ours; close what it gives to release. */
    @Mirrors("locks.Lock.acquire 4.5")
    public Future<Semaphore.Releaser> acquire() {
        return block.acquire();
    }

    @Mirrors("locks.Lock.acquire 4.5")
    public Future<Semaphore.Releaser> acquire(Duration timeout) {
        return block.acquire(timeout);
    }

    /**
     * Releases the lock. Releasing a lock nobody holds is an error, "release unlocked lock" as in
     * Tornado; the semaphore underneath refuses it, with the words this lock gave it.
     */
    @Mirrors("locks.Lock.release 4.5")
    public void release() {
        block.release();
    }

    /** Whether a coroutine holds the lock now. */
    @JavaOnly("Tornado's Lock shows it only in its repr; tests and toString ask it here")
    public boolean locked() {
        return block.value() == 0;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked() ? "locked" : "unlocked") + "]";
    }
}
