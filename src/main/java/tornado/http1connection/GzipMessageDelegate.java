package tornado.http1connection;

import static tornado.gen.Gen.await;

import java.util.List;
import java.util.function.LongSupplier;

import tornado.concurrent.Future;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.HTTPInputError;
import tornado.httputil.RequestStartLine;
import tornado.iostream.IOStream;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * Wraps a delegate so that it sees a gzipped request body as the bytes it stands for: Tornado
 * 4's {@code http1connection._GzipMessageDelegate}, put in front of the application's delegate
 * by {@code HTTP1Connection.readMessage} when the server was made with
 * {@code decompressRequest} ({@code HTTPServer(decompress_request=True)} in Tornado). For a
 * request sent with {@code Content-Encoding: gzip}:
 * <ul>
 *   <li>the header is taken away, and kept as {@code X-Consumed-Content-Encoding}, as Tornado
 *       does, since what the application gets is no longer gzip (the {@code Content-Length}, as in
 *       Tornado, still says how many bytes were sent);</li>
 *   <li>each piece that arrives is inflated and handed on at most {@code chunkSize} bytes at a
 *       time, awaiting the delegate's future after each one, so flow control still works and a
 *       small piece that inflates to a lot never becomes one large array;</li>
 *   <li>data that is not gzip, is corrupt or ends too soon is a 400, where Tornado lets the zlib
 *       error escape and drops the connection without an answer;</li>
 *   <li>the inflated body, like a body sent as it is, may be at most the connection's body limit
 *       ({@code maxBodySize}, which the delegate may have changed for this request): past it, 413.
 *       Tornado limits only the bytes on the wire, so a few kilobytes of gzip that inflate to
 *       gigabytes (a "zip bomb") reach a buffering delegate whole; here the inflating stops one
 *       piece after the limit.</li>
 * </ul>
 * Other codings ({@code deflate}, {@code br}) pass through untouched, with their header, as in
 * Tornado: the application may decode them or answer 415 itself.
 */
@Mirrors("http1connection._GzipMessageDelegate 4.5")
final class GzipMessageDelegate implements HTTPMessageDelegate {
    private final HTTPMessageDelegate delegate;
    private final int chunkSize;
    private final LongSupplier maxBodySize;
    private final IOStream stream;
    /** Null unless this request's body is gzip. */
    private GzipDecompressor decompressor;
    private long inflated;

    /**
     * {@code maxBodySize} is asked each time: the inner delegate sets it when its headers arrive.
     * {@code stream} is the connection's, asked for its trace number behind {@code Trace.on}, so
     * that the trace shows the inflating in the connection's story.
     */
    @Mirrors("http1connection._GzipMessageDelegate.__init__ 4.5")
    GzipMessageDelegate(HTTPMessageDelegate delegate, int chunkSize, LongSupplier maxBodySize, IOStream stream) {
        this.delegate = delegate;
        this.chunkSize = chunkSize;
        this.maxBodySize = maxBodySize;
        this.stream = stream;
    }

    // tag::gzip-delegate[]
    @Override
    @Mirrors("http1connection._GzipMessageDelegate.headers_received 4.5")
    public Future<?> headersReceived(RequestStartLine startLine, HTTPHeaders headers) throws Exception {
        // One Content-Encoding, gzip (or its old name x-gzip, RFC 9110 §8.4.1.3), in any case, as
        // Tornado 6 compares it. A list of codings ("gzip, br") is not ours to undo halfway.
        List<String> codings = headers.getList("Content-Encoding");
        if (codings.size() == 1) {
            String coding = codings.get(0).trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                decompressor = new GzipDecompressor();
                headers.add("X-Consumed-Content-Encoding", codings.get(0));
                headers.remove("Content-Encoding");
            }
        }
        // Only a body it inflates gets a step: the trace shows this delegate where it does something.
        if (Trace.on && decompressor != null) {
            Trace.step(stream.traceId(), Trace.NESTED, "_GzipMessageDelegate.headers_received", "Content-Encoding: gzip, inflated for " + Trace.describe(delegate));
        }
        return delegate.headersReceived(startLine, headers);
    }

    @Override
    @Mirrors("http1connection._GzipMessageDelegate.data_received 4.5")
    public Future<?> dataReceived(byte[] chunk) throws Exception {
        if (decompressor == null) return delegate.dataReceived(chunk);
        // We run inside the connection's readMessage coroutine, so we can await each piece's
        // future here, where Tornado makes data_received a coroutine of its own.
        decompressor.feed(chunk);
        while (true) {
            byte[] piece = inflate();
            if (piece.length == 0) return null;
            long limit = maxBodySize.getAsLong();
            if (piece.length > limit - inflated) {
                throw new HTTPInputError(413, "gzip body inflates to more than this server's limit of " + limit + " bytes");
            }
            inflated += piece.length;
            if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "_GzipMessageDelegate.data_received",
                    piece.length + " bytes inflated from " + chunk.length + " received → " + Trace.describe(delegate));
            Future<?> f = delegate.dataReceived(piece);
            if (f != null) await(f);
        }
    }

    // end::gzip-delegate[]

    private byte[] inflate() {
        try {
            return decompressor.decompress(chunkSize);
        } catch (GzipDecompressor.Malformed e) {
            throw notGzip(e);
        }
    }

    private static HTTPInputError notGzip(GzipDecompressor.Malformed e) {
        return new HTTPInputError(400, "body sent with Content-Encoding: gzip is not valid gzip: " + e.getMessage());
    }

    @Override
    @Mirrors("http1connection._GzipMessageDelegate.finish 4.5")
    public void finish() throws Exception {
        if (decompressor != null) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "_GzipMessageDelegate.finish", inflated + " bytes in all; checking the gzip trailer (CRC-32, length)");
            try {
                decompressor.finish();
            } catch (GzipDecompressor.Malformed e) {
                throw notGzip(e);
            } finally {
                decompressor.close();
            }
        }
        delegate.finish();
    }

    @Override
    @Mirrors("http1connection._GzipMessageDelegate.on_connection_close 4.5")
    public void onConnectionClose() {
        if (decompressor != null) decompressor.close();
        delegate.onConnectionClose();
    }
}
