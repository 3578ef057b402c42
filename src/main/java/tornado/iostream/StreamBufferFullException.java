package tornado.iostream;

import java.io.IOException;

import tornado.trace.Mirrors;

/**
 * The reason a stream was closed when its read buffer would have grown past
 * {@code maxBufferSize}. Tornado 2.4 logs "Reached maximum read buffer size" and closes; 4.x
 * records this error on the stream. We record it too, so a close callback can tell a peer that
 * hung up from one that sent more than we allowed.
 */
@Mirrors("iostream.StreamBufferFullError 4.0")
public final class StreamBufferFullException extends IOException {
    public StreamBufferFullException(String message) {
        super(message);
    }
}
