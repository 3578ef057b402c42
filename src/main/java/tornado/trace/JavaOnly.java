package tornado.trace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class, method or constructor that has no counterpart in Tornado, and says why it
 * exists. Every class in a chapter package carries either {@link Mirrors} or this mark, and so
 * does every public method in the packages of a chapter whose header says {@code :marks: methods}
 * (an {@code @Override} excepted); the site build checks both, so the Tornado → Java map can say
 * of every piece either where it comes from or why it is ours alone. The members of a type marked
 * with this are ours alone with it, and need no mark of their own.
 */
@JavaOnly("marks the pieces that have no counterpart in Tornado, this one included")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface JavaOnly {
    /** Why Java needs this piece when Tornado does not. */
    String value();
}
