package tornado.iostream;

import java.io.IOException;

import tornado.trace.Mirrors;

/**
 * The reason a stream was closed when a {@code readUntil} or {@code readUntilRegex} with a
 * {@code maxBytes} limit could not find its delimiter within that many bytes. Chapter 4 sets the
 * limit on the header block, so a client that sends endless header lines meets this.
 */
@Mirrors("iostream.UnsatisfiableReadError 4.0")
public final class UnsatisfiableReadException extends IOException {
    public UnsatisfiableReadException(String message) {
        super(message);
    }
}
