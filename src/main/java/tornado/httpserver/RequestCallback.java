package tornado.httpserver;

import tornado.trace.JavaOnly;

/**
 * What an {@link HTTPServer} calls for every request: the application. This is the far end of the
 * chain ({@code _on_headers → [_on_request_body] → request_callback}), where the server stops and
 * the program begins.
 *
 * <p>In Tornado the {@code request_callback} is any Python callable: a plain function such as the
 * {@code handle_request} of Tornado's example server, or an object with {@code __call__}, such
 * as {@code web.Application}. Java needs a named type for "something that can
 * be called with a request", so here it is: a lambda plays the function, and chapter 5's
 * {@code Application} implements this interface the way Tornado's implements {@code __call__}.
 *
 * <p>The contract is Tornado 2.4's. The callback runs on the connection's loop thread and must not
 * block it. It answers by writing the raw response itself, status line, headers and body, with
 * {@link HTTPRequest#write(byte[])}, and ends with {@link HTTPRequest#finish()}; it may do that
 * now, before returning, or later from another callback on the same loop (an asynchronous
 * handler). The connection does not frame the response: a response without a correct
 * {@code Content-Length} leaves a keep-alive client waiting. If the callback throws, the
 * connection logs the exception, answers 500 when nothing was written yet, and closes; the server
 * goes on.
 */
@JavaOnly("Python passes any callable; Java names the one method a request callback has")
@FunctionalInterface
public interface RequestCallback {
    /** Serves one request; see the interface's description for what that involves. */
    void handle(HTTPRequest request);
}
