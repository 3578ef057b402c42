package tornado.gen;

import tornado.trace.Mirrors;

/**
 * A wait that took longer than it was allowed to: {@link Gen#withTimeout}, and the waits of the
 * locks and queues with a timeout. Tornado's {@code gen.TimeoutError} (4.0; since 5.0 it is the
 * {@code TimeoutError} of util.py, one class shared by gen, locks and queues).
 * Unchecked, so that {@code future.result()} throws it as it is.
 */
@Mirrors("gen.TimeoutError 4.5")
public final class TimeoutError extends RuntimeException {
    public TimeoutError(String message) {
        super(message);
    }
}
