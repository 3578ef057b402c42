package tornado.gen;

import tornado.trace.Mirrors;

/** A coroutine asked to wait for something that is not a future, nor a list or map of them. */
@Mirrors("gen.BadYieldError 4.5")
public final class BadYieldError extends IllegalArgumentException {
    public BadYieldError(String message) {
        super(message);
    }
}
