package tornado.web;

import java.util.function.Consumer;

import tornado.trace.JavaOnly;

/**
 * Work a handler method (or {@code prepare}) started and that goes on after the method returns:
 * {@code RequestHandler._execute} waits for it before it goes on, where Tornado 4.x writes
 * {@code result = method(); if result is not None: result = yield result}. A handler hands it
 * over with {@link RequestHandler#returnLater}.
 *
 * <p>This is the seam between chapter 5 and chapter 6. The 2.4 chain knows only callbacks, and
 * a chapter may not use a later one, so chapter 5 names here the one thing it needs from a
 * future ("tell me when you are done, and whether you failed") and chapter 6's
 * {@code concurrent.Future} implements it. Chapter 5 stays complete without chapter 6: nothing
 * here calls anything that is not in chapters 1–5.
 */
// tag::pending-result[]
@JavaOnly("Java's void handler methods cannot return a Future; chapter 5's half of the seam to chapter 6")
@FunctionalInterface
public interface PendingResult {
    /**
     * Calls {@code done} once, on the loop's thread, when the work has ended: with null if it
     * succeeded, or with the exception it failed with.
     */
    void whenDone(Consumer<Throwable> done);
}
// end::pending-result[]
