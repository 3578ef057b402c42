/**
 * Chapter 7, http1connection: Tornado 4's HTTP connection, written as a coroutine beside chapter
 * 4's 2.4 callback chain, never over it. {@code --connection=coroutine} (or {@code HTTPServer}'s
 * {@code ConnectionFactory} seam) picks it.
 *
 * <p>It uses chapter 2's stream through chapter 6's Future forms ({@code FutureStream}) and
 * coroutines, every parsing and framing rule of chapter 4's {@code httputil}, chapter 4's limits,
 * timeouts, body budget and error answers, and chapter 5's {@code Application} through an adapter
 * of its own, so no earlier chapter imports this one.
 *
 * <p>Reading order: {@link tornado.http1connection.HTTPServerConnectionDelegate} and
 * {@link tornado.http1connection.HTTPMessageDelegate} (the two interfaces the 4.x server is built
 * on), {@link tornado.http1connection.HTTP1ConnectionParameters},
 * {@link tornado.http1connection.HTTP1ServerConnection} (the request loop),
 * {@link tornado.http1connection.HTTP1Connection} (one message: read, then the response; its
 * timeouts are chapter 4's {@link tornado.httpserver.ReadWatch}), then the delegates that bring chapter
 * 4's callbacks and chapter 5's handlers onto it ({@link tornado.http1connection.CallbackDelegate},
 * {@link tornado.http1connection.CallableAdapter}) and streamed bodies
 * ({@link tornado.http1connection.StreamRequestBody}, {@link tornado.http1connection.StreamingHandler}).
 */
package tornado.http1connection;
