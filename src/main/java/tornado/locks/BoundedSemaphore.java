package tornado.locks;

import tornado.trace.Mirrors;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: a release
 * that would take it above its initial value is a bug (the same permit given back twice), and
 * it says so. Mirrors locks.py's {@code BoundedSemaphore} (4.2).
 */
@Mirrors("locks.BoundedSemaphore 4.5")
public final class BoundedSemaphore extends Semaphore {
    private final int initial;

    public BoundedSemaphore(int value) {
        super(value);
        this.initial = value;
    }

    @Override
    @Mirrors("locks.BoundedSemaphore.release 4.5")
    public void release() {
        if (value() >= initial) {
            throw new IllegalStateException("Semaphore released too many times (initial value " + initial + ")");
        }
        super.release();
    }
}
