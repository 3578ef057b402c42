package tornado.web;

import java.time.Duration;
import java.time.Instant;

import tornado.trace.JavaOnly;

/**
 * The attributes of a cookie being set: where it applies ({@code domain}, {@code path}), how long
 * it lives ({@code expires}, {@code expiresDays}, {@code maxAge}) and who may see it
 * ({@code httpOnly}, {@code secure}, {@code sameSite}). Tornado passes these as keyword arguments
 * to {@code set_cookie(name, value, domain=None, expires=None, path="/", expires_days=None,
 * **kwargs)}; Java has no keyword arguments, so they travel in this small builder:
 * <pre>
 *   setCookie("session", id, new CookieOptions().httpOnly().secure().expiresDays(30));
 * </pre>
 * The path defaults to {@code /}, as in Tornado, so that a cookie set by {@code /login} is sent
 * back to every page of the site.
 */
@JavaOnly("Tornado's set_cookie takes these as keyword arguments, which Java does not have")
public final class CookieOptions {
    String domain;
    String path = "/";
    Instant expires;
    Double expiresDays;
    Duration maxAge;
    boolean httpOnly;
    boolean secure;
    String sameSite;

    public CookieOptions() {}

    /** {@code Domain}: send the cookie to this domain and its subdomains too. */
    public CookieOptions domain(String domain) {
        this.domain = domain;
        return this;
    }

    /** {@code Path}: send the cookie only to URLs under this path; null for none (the browser's default). */
    public CookieOptions path(String path) {
        this.path = path;
        return this;
    }

    /** {@code Expires}: the browser forgets the cookie at this time. */
    public CookieOptions expires(Instant when) {
        this.expires = when;
        return this;
    }

    /** {@code expires_days}: an {@code Expires} this many days from now (ignored if {@link #expires} is set). */
    public CookieOptions expiresDays(double days) {
        this.expiresDays = days;
        return this;
    }

    /** {@code Max-Age}: the browser forgets the cookie after this long (takes precedence over Expires). */
    public CookieOptions maxAge(Duration age) {
        this.maxAge = age;
        return this;
    }

    /** {@code HttpOnly}: scripts in the page cannot read the cookie. */
    public CookieOptions httpOnly() {
        this.httpOnly = true;
        return this;
    }

    /** {@code Secure}: the cookie is only sent over HTTPS. */
    public CookieOptions secure() {
        this.secure = true;
        return this;
    }

    /** {@code SameSite}: {@code Strict}, {@code Lax} or {@code None} (Python 3.8 added it to the cookie attributes Tornado passes through). */
    public CookieOptions sameSite(String value) {
        this.sameSite = value;
        return this;
    }
}
