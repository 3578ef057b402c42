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
    private final String refusal;

    @Mirrors("locks.BoundedSemaphore.__init__ 4.5")
    public BoundedSemaphore(int value) {
        this(value, "Semaphore released too many times (initial value " + value + ")");
    }

    /**
     * A bounded semaphore that refuses an extra release with {@code refusal} as its message:
     * {@link Lock}'s, whose release of a lock nobody holds says so in a lock's words. Tornado's
     * {@code Lock.release} catches the semaphore's {@code ValueError} and raises
     * {@code RuntimeError('release unlocked lock')} instead; here the one check is this class's,
     * and only its words differ.
     */
    BoundedSemaphore(int value, String refusal) {
        super(value);
        this.initial = value;
        this.refusal = refusal;
    }

    @Override
    @Mirrors("locks.BoundedSemaphore.release 4.5")
    public void release() {
        if (value() >= initial) throw new IllegalStateException(refusal);
        super.release();
    }
}
