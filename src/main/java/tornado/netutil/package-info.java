/**
 * Chapter 3, netutil: listening sockets, the accept handler, and the TCP server built on them.
 *
 * <p>It uses chapter 1's loop (the accept handler is a READ handler on the listening socket) and
 * chapter 2's {@link tornado.iostream.IOStream} (every accepted connection is wrapped in one). It
 * also holds the Java answer to process.py: several loops on several threads.
 *
 * <p>Reading order: {@link tornado.netutil.NetUtil} ({@code bindSockets}, {@code addAcceptHandler}),
 * {@link tornado.netutil.TCPServer} ({@code listen}, {@code handleConnection}, {@code start(n)}),
 * {@link tornado.netutil.Processes}.
 */
package tornado.netutil;
