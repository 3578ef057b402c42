package tornado.web;

import java.util.Map;

import tornado.trace.Mirrors;

/**
 * Answers every request with one error status. Mirrors web.py's {@code ErrorHandler}.
 *
 * <p>{@link Application}'s {@code __call__} uses it for a path no spec matches (status 404), as
 * Tornado's does; an application can route to it too, to retire a URL with 410 Gone, say:
 * {@code url("/old", ErrorHandler.class, Map.of("status_code", 410))}. It raises its error in
 * {@code prepare}, so the HTTP method does not matter: GET, POST or BREW, the answer is the same.
 */
@Mirrors("web.ErrorHandler")
public class ErrorHandler extends RequestHandler {
    private int statusCode;

    /** {@code status_code}: the status to answer with (an Integer). */
    @Override
    @Mirrors("web.ErrorHandler.initialize")
    protected void initialize(Map<String, Object> kwargs) {
        Object code = kwargs.get("status_code");
        if (!(code instanceof Integer i)) {
            throw new IllegalArgumentException("ErrorHandler needs an Integer \"status_code\" argument, got " + code);
        }
        statusCode = i;
        setStatus(statusCode);
    }

    // Every method is supported here, so that an unknown method gets this handler's status (a
    // 404 for a path that does not exist) rather than a 405 for a path that does not exist.
    @Override
    protected java.util.Set<String> supportedMethods() {
        return AnyMethod.INSTANCE;
    }

    /**
     * No xsrf check: a POST to a page that does not exist changes nothing, and its answer should
     * be the 404 it deserves, not a 403 about a missing token (Tornado 3.0 made the same change).
     */
    @Override
    @Mirrors("web.ErrorHandler.check_xsrf_cookie 3.0")
    public void checkXsrfCookie() {}

    @Override
    @Mirrors("web.ErrorHandler.prepare")
    protected void prepare() {
        throw new HTTPError(statusCode);
    }

    /** A set that contains every string: "whatever the method". */
    private static final class AnyMethod extends java.util.AbstractSet<String> {
        static final AnyMethod INSTANCE = new AnyMethod();

        @Override
        public boolean contains(Object o) {
            return o instanceof String;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return SUPPORTED_METHODS.iterator();
        }

        @Override
        public int size() {
            return SUPPORTED_METHODS.size();
        }
    }
}
