package tornado.trace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that has no counterpart in Tornado, and says why it exists. Every class in a
 * chapter package carries either {@link Mirrors} or this mark; the site build checks it, so the
 * Tornado → Java map can say of every file either where it comes from or why it is ours alone.
 */
@JavaOnly("marks the pieces that have no counterpart in Tornado, this one included")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface JavaOnly {
    /** Why Java needs this piece when Tornado does not. */
    String value();
}
