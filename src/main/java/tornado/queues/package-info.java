/**
 * Chapter 6, queues: {@link tornado.queues.Queue} and its {@link tornado.queues.PriorityQueue}
 * and {@link tornado.queues.LifoQueue} orders, for producer and consumer coroutines of one loop.
 */
package tornado.queues;
