/**
 * Chapter 2, iostream: a buffered, non-blocking socket driven by callbacks.
 *
 * <p>It uses chapter 1's {@link tornado.ioloop.IOLoop} to be told when its socket is readable or
 * writable, and chapter 0's trace to report steps 4–9 of the request's path (site page 'The notes
 * this book follows'). Everything above it (the TCP server, HTTP) talks to sockets only through
 * {@link tornado.iostream.IOStream}.
 *
 * <p>Reading order: {@link tornado.iostream.IOStream} top to bottom (the read calls, then the
 * event side that satisfies them, then writing, then closing), then
 * {@link tornado.iostream.ReadBuffer} (why a slow client does not cost O(n²)), then the three
 * exceptions that say why a stream closed.
 */
package tornado.iostream;
