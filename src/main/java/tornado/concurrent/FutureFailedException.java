package tornado.concurrent;

import tornado.trace.JavaOnly;

/**
 * What {@link Future#result()} throws for a future that failed with a checked exception: the
 * original is its cause, untouched. Python has no checked exceptions, so Tornado's
 * {@code result()} re-raises whatever it holds; Java's {@code result()} cannot declare every
 * exception a future might hold, so it wraps those it may not throw as they are. Inside a
 * coroutine, {@code Gen.await} (which declares {@code throws Exception}) throws the original.
 */
@JavaOnly("Java's result() must wrap a checked exception that Python would re-raise as it is")
public final class FutureFailedException extends RuntimeException {
    public FutureFailedException(Throwable cause) {
        super("the Future failed with " + cause, cause);
    }
}
