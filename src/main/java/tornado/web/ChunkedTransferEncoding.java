package tornado.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tornado.httpserver.HTTPRequest;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.ResponseHead;
import tornado.trace.Mirrors;

/**
 * Frames a response whose length is not known when its headers go out. Mirrors web.py's
 * {@code ChunkedTransferEncoding}.
 *
 * <p>A response that is finished in one go gets a {@code Content-Length} from
 * {@link RequestHandler#finish}, and this transform steps aside. A handler that calls
 * {@code flush()} before it has finished sends its headers before the length is known; an
 * HTTP/1.1 client then needs another way to find the end of the body, and that is chunked
 * encoding (RFC 9112 §7.1): each piece is sent as its length in hex, CRLF, the bytes, CRLF, and a
 * zero-length piece ends the body. An HTTP/1.0 client does not understand chunks; for it the end
 * of the body is the end of the connection, which {@link RequestHandler#flush} arranges.
 */
@Mirrors("web.ChunkedTransferEncoding")
public final class ChunkedTransferEncoding implements OutputTransform {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private boolean chunking;

    @Mirrors("web.ChunkedTransferEncoding.__init__")
    public ChunkedTransferEncoding(HTTPRequest request) {
        this.chunking = request.supportsHttp11();
    }

    // tag::chunked-first[]
    @Override
    @Mirrors("web.ChunkedTransferEncoding.transform_first_chunk")
    public byte[] transformFirstChunk(int statusCode, HTTPHeaders headers, byte[] chunk, boolean finishing) {
        // A 304 has no body at all, not even an empty chunked one, and 1xx and 204 likewise
        // (RFC 9110 §6.4.1): such responses carry neither framing header.
        if (chunking && ResponseHead.bodyAllowed(statusCode)) {
            if (headers.contains("Content-Length") || headers.contains("Transfer-Encoding")) {
                // The handler knows the length (finish() computed it, or a static file set it):
                // plain bytes, no framing needed.
                chunking = false;
            } else {
                headers.set("Transfer-Encoding", "chunked");
                return transformChunk(chunk, finishing);
            }
        } else {
            chunking = false;
        }
        return chunk;
    }
    // end::chunked-first[]

    // tag::chunked-chunk[]
    @Override
    @Mirrors("web.ChunkedTransferEncoding.transform_chunk")
    public byte[] transformChunk(byte[] block, boolean finishing) {
        if (!chunking) return block;
        ByteArrayOutputStream out = new ByteArrayOutputStream(block.length + 16);
        // An empty chunk would read as the end of the body, so an empty flush sends nothing.
        if (block.length > 0) {
            out.writeBytes(Integer.toHexString(block.length).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(CRLF);
            out.writeBytes(block);
            out.writeBytes(CRLF);
        }
        if (finishing) out.writeBytes(LAST_CHUNK);
        return out.toByteArray();
    }
    // end::chunked-chunk[]
}
