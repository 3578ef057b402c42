/**
 * Chapter 5: the web framework. Tornado's Hello world, and what runs it:
 * {@code Application.add_handlers}, {@code Application.__call__} and
 * {@code RequestHandler._execute}, in the order the notes this book follows read them (site page
 * 'The notes this book follows'), on top of chapter 4's {@code HTTPServer}. Mirrors Tornado
 * v2.4.1's {@code web.py}; where a later Tornado does what a user of a real framework expects
 * (a HEAD answered like a GET, {@code If-None-Match} parsed as a list, files streamed in pieces),
 * we do that too and the javadoc says which version it comes from.
 *
 * <p><b>What it uses.</b> Chapter 4: the application is the server's {@code RequestCallback}, it
 * reads the {@code HTTPRequest} the connection built, and it answers by writing raw response bytes
 * with {@code request.write} and ending with {@code request.finish}. {@code httputil}: headers
 * ({@code HTTPHeaders}, for the response too), HTTP dates and reason phrases. {@code escape}: URL
 * and HTML escaping, JSON. {@code ioloop}: {@code IOLoop.current()} for callbacks.
 *
 * <p><b>Reading order.</b>
 * <ol>
 *   <li>{@link tornado.web.URLSpec}: one route (pattern, handler class, initialize arguments, name).</li>
 *   <li>{@link tornado.web.Application}: the routing table ({@code addHandlers}) and the request
 *       callback ({@code handle}, Tornado's {@code __call__}), which matches and makes a handler.</li>
 *   <li>{@link tornado.web.RequestHandler}: {@code execute} (Tornado's {@code _execute}), then the
 *       output side ({@code write}, {@code flush}, {@code finish}), errors, and the input side
 *       (arguments, cookies, xsrf).</li>
 *   <li>{@link tornado.web.OutputTransform} and {@link tornado.web.ChunkedTransferEncoding}: how a
 *       flushed response is framed.</li>
 *   <li>{@link tornado.web.HTTPError}, {@link tornado.web.ErrorHandler},
 *       {@link tornado.web.RedirectHandler}, {@link tornado.web.Asynchronous},
 *       {@link tornado.web.SignedValues}, {@link tornado.web.Settings},
 *       {@link tornado.web.CookieOptions}.</li>
 *   <li>{@link tornado.web.StaticFileHandler}: a handler that streams files, using all of the above.</li>
 * </ol>
 */
package tornado.web;
