package tornado.http1connection;

import java.io.ByteArrayOutputStream;

import tornado.concurrent.Future;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.RequestCallback;
import tornado.httpserver.ServerLimits;
import tornado.httputil.BodyFraming;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.HTTPInputError;
import tornado.httputil.RequestStartLine;
import tornado.trace.Mirrors;
import tornado.trace.Trace;
import tornado.web.Application;

/**
 * The 2.4 contract on the 4.x connection: gathers the body the connection hands over piece by
 * piece, and when the message is complete makes chapter 4's {@link HTTPRequest} (connected to the
 * {@link HTTP1Connection}, through chapter 4's {@code RequestConnection} seam) and calls the
 * request callback with it. Tornado 4.5's {@code httpserver._CallableAdapter}. This is why
 * chapter 5's handlers run unchanged on both connections.
 *
 * <p>A buffered body holds memory, so it obeys chapter 4's limits exactly: the request's limit is
 * {@code bodyLimit()} (the body must fit in a read buffer and in the server's budget), and the
 * bytes are taken from the body budget before they are read: a Content-Length body all at once
 * before {@code 100 Continue}, a chunked one piece by piece (503 when the budget is spent).
 */
@Mirrors("httpserver._CallableAdapter 4.5")
final class CallableAdapter implements HTTPMessageDelegate {
    private final RequestCallback callback;
    private final HTTP1Connection connection;
    private final HTTPServerOptions options;
    private final ServerLimits limits;
    private HTTPRequest request;
    private ByteArrayOutputStream chunks;
    private long reserved;
    /** For an {@link Application}: the request routed to its handler when its headers came in. */
    private Application.Dispatch dispatch;
    private Application app;
    /** The routed handler, when it takes its body as it arrives ({@link StreamRequestBody}). */
    private StreamingHandler streaming;

    CallableAdapter(RequestCallback callback, HTTP1Connection connection, HTTPServerOptions options, ServerLimits limits) {
        this.callback = callback;
        this.connection = connection;
        this.options = options;
        this.limits = limits;
    }

    @Override
    @Mirrors("httpserver._CallableAdapter.headers_received 4.5")
    public Future<?> headersReceived(RequestStartLine startLine, HTTPHeaders headers) {
        // The request target's rules (a CONNECT, say, is a 400) run here, as in chapter 4.
        request = new HTTPRequest(connection, startLine.method(), startLine.path(), startLine.version(), headers);
        // An Application routes at once (Tornado 4.5's _HandlerDelegate), so that a handler
        // marked @StreamRequestBody gets the body as it comes: no buffer, no budget, and its
        // own limit, since it holds nothing.
        if (callback instanceof Application application) {
            app = application;
            dispatch = app.dispatch(request);
            StreamRequestBody mark = dispatch.handler().getClass().getAnnotation(StreamRequestBody.class);
            if (mark != null && dispatch.handler() instanceof StreamingHandler h) {
                streaming = h;
                long limit = h.maxBodySize() >= 0 ? h.maxBodySize() : mark.maxBodySize();
                if (limit >= 0) connection.setMaxBodySize(limit);
                return null;
            }
        }
        connection.setMaxBodySize(options.bodyLimit());
        BodyFraming framing = BodyFraming.ofRequest(startLine.version(), headers);
        boolean chunked = framing.kind() == BodyFraming.Kind.CHUNKED;
        if (!chunked && framing.length() > 0 && framing.length() <= options.bodyLimit()) {
            reserve(framing.length());
            chunks = new ByteArrayOutputStream((int) framing.length());
        }
        return null;
    }

    @Override
    @Mirrors("httpserver._CallableAdapter.data_received 4.5")
    public Future<?> dataReceived(byte[] chunk) throws Exception {
        if (streaming != null) return streaming.dataReceived(chunk);
        if (chunks == null) chunks = new ByteArrayOutputStream();
        // A body takes from the budget what it holds beyond the share it already has: a chunked
        // body what each chunk adds, as chapter 4 counts it; a Content-Length body nothing more,
        // unless it was gzip (decompressRequest) and inflates to more than was sent.
        long beyond = chunks.size() + (long) chunk.length - reserved;
        if (beyond > 0) reserve(beyond);
        chunks.write(chunk, 0, chunk.length);
        return null;
    }

    // Chapter 4's budget rule (ServerLimits.reserveOrRefuse): a 413 for what this request alone
    // would hold, a 503 when others hold the budget; the connection answers the error it throws.
    private void reserve(long n) {
        HTTPInputError refused = limits.reserveOrRefuse(reserved, n, options.bodyLimit(), request.remoteIp());
        if (refused != null) throw refused;
        reserved += n;
    }

    @Override
    @Mirrors("httpserver._CallableAdapter.finish 4.5")
    public void finish() {
        if (chunks != null) {
            request.setBody(chunks.toByteArray());
            chunks = null;
            String method = request.method();
            if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) request.parseBodyArguments();
        }
        // The body now lives in the request; as in chapter 4 it keeps its budget until the
        // request is over, which for this adapter is when the response has finished.
        connection.whenRequestDone(this::release);
        if (Trace.on) Trace.step(connection.stream().traceId(), Trace.CALL, "_CallableAdapter.request_callback", Trace.describe(callback));
        if (dispatch != null) app.handle(dispatch);
        else callback.handle(request);
    }

    @Override
    @Mirrors("httpserver._CallableAdapter.on_connection_close 4.5")
    public void onConnectionClose() {
        chunks = null;
        release();
        // A streaming handler has had its request since the headers came, and its client has
        // left before the body's end: tell it, as Tornado 4.5's _HandlerDelegate.on_connection_close
        // does. (The connection itself tells the application only once the body is in.)
        if (streaming != null) connection.runCloseCallback();
    }

    private void release() {
        limits.releaseBody(reserved);
        reserved = 0;
    }
}
