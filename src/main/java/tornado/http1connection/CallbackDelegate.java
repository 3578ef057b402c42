package tornado.http1connection;

import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.RequestCallback;
import tornado.httpserver.ServerLimits;
import tornado.trace.Mirrors;

/**
 * The server's delegate when the application is a plain {@link RequestCallback} (chapter 4's
 * lambdas, chapter 5's {@code Application}): every request gets a {@link CallableAdapter}, which
 * gathers the body and calls the callback, as Tornado 4.5's {@code HTTPServer.start_request} does
 * for a callable. An application that is itself an {@link HTTPServerConnectionDelegate} is
 * asked directly, as Tornado 4 asks a 4.x {@code Application}.
 */
@Mirrors("httpserver.HTTPServer.start_request 4.5")
public final class CallbackDelegate implements HTTPServerConnectionDelegate {
    private final RequestCallback callback;
    private final HTTPServerOptions options;
    private final ServerLimits limits;

    public CallbackDelegate(RequestCallback callback, HTTPServerOptions options, ServerLimits limits) {
        this.callback = callback;
        this.options = options;
        this.limits = limits;
    }

    @Override
    public HTTPMessageDelegate startRequest(HTTP1ServerConnection serverConnection, HTTP1Connection requestConnection) {
        if (callback instanceof HTTPServerConnectionDelegate d) return d.startRequest(serverConnection, requestConnection);
        return new CallableAdapter(callback, requestConnection, options, limits);
    }
}
