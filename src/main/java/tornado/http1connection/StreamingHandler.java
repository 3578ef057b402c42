package tornado.http1connection;

import tornado.concurrent.Future;
import tornado.trace.Mirrors;

/**
 * What a {@link StreamRequestBody} handler implements: Tornado 4's
 * {@code RequestHandler.data_received}. Return a future to hold the next read back until it is
 * done (flow control), or null to read on at once.
 */
@Mirrors("web.RequestHandler.data_received 4.0")
public interface StreamingHandler {
    Future<?> dataReceived(byte[] chunk) throws Exception;

    /**
     * This handler's body limit in bytes, when it is known only at run time (a command-line
     * flag); -1 (the default) leaves it to {@link StreamRequestBody#maxBodySize}.
     */
    default long maxBodySize() {
        return -1;
    }
}
