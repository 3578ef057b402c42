/**
 * Chapter 4, part one: httputil, the HTTP parsing the server stands on.
 *
 * <p>This mirrors {@code tornado/httputil.py} and the parsing rules that Tornado 4.x moved out of
 * the connection into it and into {@code http1connection.py}. Everything here is a plain function
 * or a small value class: no sockets, no loop, no callbacks. That is on purpose. Chapter 4's
 * {@code HTTPConnection} (Tornado 2.4's callback chain) calls these functions, and so will the
 * coroutine connection (Tornado 4.x's request loop) of a planned later chapter, so the two can
 * differ in how they wait for bytes but never in what the bytes mean; and every rule can be
 * tested on a string, without a server.
 *
 * <p>It uses nothing from the chapters below it but the trace marks: the connection reads the
 * bytes (with {@code IOStream.readUntil} and {@code readBytes}) and hands them here. Every
 * function reports bad input with {@link tornado.httputil.HTTPInputError}, which carries the
 * status code to answer with.
 *
 * <p>Reading order, in the order a request meets them:
 * <ol>
 *   <li>{@link tornado.httputil.RequestStartLine} — the first line;
 *       {@link tornado.httputil.RequestTarget} — which resource its target names, on which
 *       host;</li>
 *   <li>{@link tornado.httputil.HTTPHeaders} — the header block;</li>
 *   <li>{@link tornado.httputil.BodyFraming} — Content-Length or chunked, and the smuggling
 *       guards; {@link tornado.httputil.ChunkedEncoding} — chunk-size lines;</li>
 *   <li>{@link tornado.httputil.QueryStrings} and {@link tornado.httputil.UrlCodec} — the
 *       arguments in the URI; {@link tornado.httputil.BodyArguments},
 *       {@link tornado.httputil.HeaderValue} and {@link tornado.httputil.HTTPFile} — the
 *       arguments and files in a form body;</li>
 *   <li>{@link tornado.httputil.ResponseHead}, {@link tornado.httputil.Responses} and
 *       {@link tornado.httputil.HttpDates} — what the response needs: its head, reason
 *       phrases and dates;</li>
 *   <li>{@link tornado.httputil.HTTPInputError} — the one exception, and its status code.</li>
 * </ol>
 */
package tornado.httputil;
