package tornado.web;

import java.util.Map;

import tornado.trace.Mirrors;

/**
 * Redirects every GET (and HEAD) to one URL. Mirrors web.py's {@code RedirectHandler}:
 * <pre>
 *   url("/oldpath", RedirectHandler.class, Map.of("url", "/newpath"))
 * </pre>
 * The redirect is permanent (301) unless the spec says {@code "permanent", false}. The
 * application also uses it for a request whose {@code Host} matches no host pattern: that client
 * is sent to the default host (Tornado's {@code Application.__call__} does the same).
 */
@Mirrors("web.RedirectHandler")
public class RedirectHandler extends RequestHandler {
    private String url;
    private boolean permanent = true;

    /** {@code url} (a String, required) and {@code permanent} (a Boolean, default true). */
    @Override
    @Mirrors("web.RedirectHandler.initialize")
    protected void initialize(Map<String, Object> kwargs) {
        if (!(kwargs.get("url") instanceof String u)) {
            throw new IllegalArgumentException("RedirectHandler needs a String \"url\" argument, got " + kwargs.get("url"));
        }
        this.url = u;
        if (kwargs.get("permanent") instanceof Boolean p) this.permanent = p;
    }

    @Override
    @Mirrors("web.RedirectHandler.get")
    public void get(String... args) {
        redirect(url, permanent);
    }
}
