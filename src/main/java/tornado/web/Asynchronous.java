package tornado.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import tornado.trace.Mirrors;

/**
 * Marks an HTTP method of a handler ({@code get}, {@code post}, …) that finishes the response
 * later, from a callback: when the method returns, {@code _execute} leaves the request open
 * instead of calling {@code finish()} for it. Mirrors web.py's {@code @asynchronous} decorator.
 * <pre>
 *   &#64;Asynchronous
 *   public void get(String... args) {
 *       IOLoop.current().callLater(Duration.ofMillis(100), asyncCallback(() -> finish("later")));
 *   }
 * </pre>
 *
 * <p><b>Where Java differs.</b> Python's decorator wraps the method: the wrapper sets
 * {@code self._auto_finish = False} and runs the method inside a {@code stack_context} that
 * sends any exception from a later callback back to this handler's error page. A Java annotation
 * does nothing by itself. {@code _execute} reads it (once per handler class; see
 * {@code HandlerMethods}) and sets the same flag; the second half, routing a later callback's
 * exception to the error page, is {@link RequestHandler#asyncCallback}, because Java has no
 * {@code stack_context} to carry it implicitly. A callback not wrapped that way that throws is
 * logged by the IOLoop and the client waits until the connection is closed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Mirrors("web.asynchronous")
public @interface Asynchronous {
}
