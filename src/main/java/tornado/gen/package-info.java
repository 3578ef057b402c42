/**
 * Chapter 6, gen: coroutines on the IOLoop. Read {@link tornado.gen.Gen} (what a coroutine
 * author writes) and then {@link tornado.gen.Runner} (how a coroutine waits and resumes).
 */
package tornado.gen;
