package tornado.web;

import tornado.httputil.HTTPHeaders;
import tornado.trace.Mirrors;

/**
 * A step every response passes through on its way to the socket: it may change the headers of
 * the first chunk and the bytes of every chunk. Mirrors web.py's {@code OutputTransform}.
 *
 * <p>The application makes a fresh set of transforms for each request (the first line of
 * Tornado's {@code __call__}: {@code transforms = [t(request) for t in self.transforms]}), and
 * {@link RequestHandler#flush} runs each chunk through them. Tornado 2.4 ships two:
 * {@link ChunkedTransferEncoding}, always on, and gzip, behind a setting, which this port leaves
 * out. Tornado 4.0 replaced transforms by the connection's own framing ({@code HTTP1Connection});
 * chapter 6 tells that story.
 */
@Mirrors("web.OutputTransform")
public interface OutputTransform {
    /**
     * Sees the first chunk of a response with its status and headers (which it may change) and
     * returns the bytes to send. {@code finishing} is true when this chunk is also the last.
     */
    @Mirrors("web.OutputTransform.transform_first_chunk")
    byte[] transformFirstChunk(int statusCode, HTTPHeaders headers, byte[] chunk, boolean finishing);

    /** Every later chunk; {@code finishing} is true for the last. */
    @Mirrors("web.OutputTransform.transform_chunk")
    byte[] transformChunk(byte[] chunk, boolean finishing);
}
