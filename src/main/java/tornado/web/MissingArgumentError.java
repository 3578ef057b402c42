package tornado.web;

import tornado.trace.Mirrors;

/**
 * The 400 Bad Request of {@code getArgument(name)} when the request has no argument of that
 * name. Mirrors web.py's {@code MissingArgumentError} (Tornado 3.1; in 2.4 a plain
 * {@code HTTPError(400, "Missing argument %s")}).
 *
 * <p>The argument's name goes into the reason phrase, so the client reads
 * {@code 400: Missing argument name} and knows what to fix, not only the log. The name is
 * chosen by the handler's code, never by the client, so showing it reveals nothing.
 */
@Mirrors("web.MissingArgumentError 3.1")
public class MissingArgumentError extends HTTPError {
    private final String argName;

    @Mirrors("web.MissingArgumentError.__init__ 3.1")
    public MissingArgumentError(String argName) {
        super("Missing argument " + argName, 400, "Missing argument %s", new Object[] {argName});
        this.argName = argName;
    }

    /** The name of the missing argument. */
    public String argName() {
        return argName;
    }
}
