package tornado.iostream;

import tornado.trace.Mirrors;

/**
 * Thrown when a read or write is started on a stream that is already closed. Tornado 2.4 raises a
 * plain {@code IOError("Stream is closed")}; 4.x gave it this name, and we use the later name
 * because it says what happened. {@link #getCause()} is the error that closed the stream, if any.
 */
@Mirrors("iostream.StreamClosedError 4.0")
public final class StreamClosedException extends RuntimeException {
    public StreamClosedException(Throwable realError) {
        super(realError == null ? "Stream is closed" : "Stream is closed: " + realError.getMessage(), realError);
    }
}
