package tornado.trace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the piece of Tornado that a Java class, method, constructor or field mirrors, in
 * Tornado's own dotted form: {@code "iostream.IOStream.read_until"} means the method
 * {@code read_until} of class {@code IOStream} in {@code tornado/iostream.py}.
 *
 * <p>This is the machine-readable half of the promise that a reader can go from Tornado's source
 * to our code and back (ARCHITECTURE.adoc, "Rules a contributor keeps"). The site's Tornado →
 * Java map is generated from these marks, so the map is complete by construction: a chapter
 * class without a mark, or a mark that names something its Tornado release does not define,
 * fails the site build rather than waiting for a reviewer.
 *
 * <p>Several names may be given where one Java piece plays the part of several Tornado pieces
 * (Java's overloading folds {@code add_timeout} and {@code call_later} into one family, say).
 * A name without a version means Tornado v2.4.1, the release this book follows; a piece that
 * follows a later release, or only exists there, carries that version after a space:
 * {@code "iostream.BaseIOStream.read_until 4.0"} ({@code BaseIOStream} only came with 3.0, and
 * {@code max_bytes} with 4.0). The build checks each name against the names Tornado's own source
 * defines at that release: the list of the oldest release it has that is not older than the
 * version and shares its major number ({@code site/tornado-symbols/}; 4.0 is looked up in the
 * list of 4.0.2, 4.4.2 in that of 4.4.3).
 */
@JavaOnly("the machine-readable link from our code back to Tornado's")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Mirrors {
    /** Tornado names, {@code module.Class.member} or {@code module.function}. */
    String[] value();
}
