/**
 * Chapter 6, locks: {@link tornado.locks.Condition}, {@link tornado.locks.Event},
 * {@link tornado.locks.Semaphore}, {@link tornado.locks.BoundedSemaphore} and
 * {@link tornado.locks.Lock} for the coroutines of one loop. Waiting is a future, not a blocked
 * thread, and nothing is synchronized: these coordinate coroutines that already take turns.
 */
package tornado.locks;
