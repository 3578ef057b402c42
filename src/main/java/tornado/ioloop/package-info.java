/**
 * Chapter 1, ioloop: the event loop everything else runs on.
 *
 * <p>It uses only the JDK's {@link java.nio.channels.Selector} and chapter 0's trace (steps 1–3
 * of the request's path: poll, find the handler, call it; site page 'The notes this book follows').
 * Read {@link tornado.ioloop.IOLoop} first — its {@code runOnce} is the whole idea — then
 * {@link tornado.ioloop.Timeout} and {@link tornado.ioloop.PeriodicCallback}.
 */
package tornado.ioloop;
