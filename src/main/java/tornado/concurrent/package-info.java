/**
 * Chapter 6, concurrent: the {@link tornado.concurrent.Future} that Tornado 4 put under every
 * asynchronous call, its helpers, and {@link tornado.concurrent.FutureStream}, chapter 2's stream
 * with a future for each call. Uses chapters 1, 2 and 5 (the last only for the interface that
 * lets a handler hand a future to {@code _execute}).
 */
package tornado.concurrent;
