package tornado.trace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the piece of Tornado that a Java class, method or constructor mirrors, in Tornado's own
 * dotted form: {@code "iostream.BaseIOStream.read_until"} means the method {@code read_until} of
 * class {@code BaseIOStream} in {@code tornado/iostream.py}.
 *
 * <p>This is the machine-readable half of the promise that a reader can go from the seeds to our
 * code and back (DESIGN.md §3). The site's Tornado → Java map is generated from these marks, so
 * the map is complete by construction: a chapter class without a mark, or a mark that names
 * something Tornado does not have, fails the site build rather than waiting for a reviewer.
 *
 * <p>Several names may be given where one Java piece plays the part of several Tornado pieces
 * (Java's overloading folds {@code add_timeout} and {@code call_later} into one family, say).
 * The version we mirror is Tornado v2.4.1 unless the name says otherwise; pieces that only exist
 * in later versions are written with the version after a space: {@code "httputil.HTTPHeaders 4.0"}.
 */
@JavaOnly("the machine-readable link from our code back to Tornado's")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Mirrors {
    /** Tornado names, {@code module.Class.member} or {@code module.function}. */
    String[] value();
}
