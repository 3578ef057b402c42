package tornado.http1connection;

import tornado.trace.Mirrors;

/**
 * What a server connection asks, once per request, for the object that will receive it: Tornado
 * 4's {@code httputil.HTTPServerConnectionDelegate}. In Tornado the {@code HTTPServer} itself is
 * one (its {@code start_request} wraps the application); here {@link CallbackDelegate} is, and a
 * chapter 5 {@code Application} reaches it through that adapter.
 */
@Mirrors("httputil.HTTPServerConnectionDelegate 4.5")
public interface HTTPServerConnectionDelegate {
    /**
     * A new request is about to be read on {@code requestConnection}, one of
     * {@code serverConnection}'s: return the delegate that will be told its headers, its body
     * and its end.
     */
    @Mirrors("httputil.HTTPServerConnectionDelegate.start_request 4.5")
    HTTPMessageDelegate startRequest(HTTP1ServerConnection serverConnection, HTTP1Connection requestConnection);

    /** {@code serverConnection} has closed: its request loop is over. */
    @Mirrors("httputil.HTTPServerConnectionDelegate.on_close 4.5")
    default void onClose(HTTP1ServerConnection serverConnection) {}
}
