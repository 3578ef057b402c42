/**
 * Chapter 4, the heart of the book: an HTTP/1.1 server as Tornado v2.4.1's httpserver.py builds
 * it, a chain of callbacks on one loop. The notes this book follows walk through it (site page
 * 'The notes this book follows'); this package is that walk, in Java, with every step under its
 * Tornado name:
 * <pre>
 *   accept → _handle_connection → handle_stream → read_until("\r\n\r\n")
 *     → _on_headers → [read_bytes → _on_request_body] → request_callback
 *     → write → finish → [_on_write_complete] → _finish_request → read_until again
 * </pre>
 *
 * <p>What it uses from the chapters below: the {@code IOLoop} (chapter 1) that runs every
 * callback and timer; the {@code IOStream} (chapter 2) whose {@code readUntil},
 * {@code readBytes} and {@code write} are the only I/O here; the {@code TCPServer} (chapter 3)
 * that {@link tornado.httpserver.HTTPServer} extends; and from this chapter's other half,
 * {@code tornado.httputil}, every parsing rule (start line, headers, where a body ends, chunk
 * sizes, the request target and Host, query strings and form bodies). This package holds the
 * control flow and nothing else, so that a planned later chapter can rewrite that flow as a
 * coroutine and keep the rules.
 *
 * <p>Reading order:
 * <ol>
 *   <li>{@link tornado.httpserver.HTTPServer}: a TCP server whose {@code handleStream} makes a
 *       connection;</li>
 *   <li>{@link tornado.httpserver.HTTPConnection}: the chain itself, from the constructor's
 *       {@code readUntil} to {@code finishRequest}'s keep-alive decision, then the evolution
 *       features (100-continue, chunked bodies, limits, timeouts, error answers with their
 *       {@code Date});</li>
 *   <li>{@link tornado.httpserver.HTTPRequest}: what the application is given, and its
 *       {@code write} and {@code finish};</li>
 *   <li>{@link tornado.httpserver.RequestCallback} and
 *       {@link tornado.httpserver.HTTPServerOptions}: the application's interface and the
 *       server's settings.</li>
 * </ol>
 * The walkthrough {@code uri-echo} runs Tornado's example server ("You requested /path") with the
 * trace on: {@code mvn -q compile exec:exec -Dwalk=uri-echo -Dargs="--trace"}.
 */
package tornado.httpserver;
