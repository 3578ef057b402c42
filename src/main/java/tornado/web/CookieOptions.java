package tornado.web;

import java.time.Duration;
import java.time.Instant;

import tornado.httputil.HTTPHeaders;
import tornado.httputil.HttpDates;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

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
 *
 * <p>The options also write themselves out: {@link #setCookieValue} is the text of the
 * {@code Set-Cookie} header, with the checks that keep a cookie from turning into something else.
 * Tornado leaves that to Python's {@code http.cookies.Morsel}; Java has no such class.
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

    // tag::set-cookie-value[]
    /**
     * The value of the {@code Set-Cookie} header that sets {@code name} to {@code value} with
     * these attributes, as of {@code now} (which {@code expiresDays} counts from). The name must
     * be an HTTP token and the value may not hold whitespace, control characters, {@code "},
     * {@code ,}, {@code ;} or {@code \} (RFC 6265 §4.1.1): any of those would end the value early
     * or start a new attribute, so a handler that copies user input into a cookie could be made
     * to set attributes, or cookies, it never meant to. An attribute may not hold a {@code ;} or
     * a control character, for the same reason.
     *
     * @throws IllegalArgumentException naming the part, the character and its index
     */
    @Mirrors("web.RequestHandler.set_cookie")
    String setCookieValue(String name, String value, Instant now) {
        checkCookiePart("name", name, true);
        checkCookiePart("value of cookie " + name, value, false);
        StringBuilder b = new StringBuilder(name).append('=').append(value);
        if (domain != null) b.append("; Domain=").append(checkAttribute("Domain", domain));
        Instant when = expires;
        if (when == null && expiresDays != null) when = now.plusSeconds((long) (expiresDays * 86_400));
        if (when != null) b.append("; expires=").append(HttpDates.formatTimestamp(when));
        if (path != null) b.append("; Path=").append(checkAttribute("Path", path));
        if (maxAge != null) b.append("; Max-Age=").append(maxAge.toSeconds());
        if (httpOnly) b.append("; HttpOnly");
        if (secure) b.append("; Secure");
        if (sameSite != null) b.append("; SameSite=").append(checkAttribute("SameSite", sameSite));
        return b.toString();
    }
    // end::set-cookie-value[]

    private static void checkCookiePart(String what, String text, boolean token) {
        if (token && text.isEmpty()) throw new IllegalArgumentException("cookie name is empty");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A name is a token; a value is RFC 6265's cookie-octets: visible ASCII but for the four.
            boolean bad = token ? !HTTPHeaders.isTchar(c)
                    : c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\';
            if (bad) {
                throw new IllegalArgumentException("invalid cookie " + what + ": character "
                        + describe(c) + " at index " + i + " is not allowed in a cookie "
                        + (token ? "name" : "value (encode the value, e.g. as base64 or with urlEscape)"));
            }
        }
    }

    private static String checkAttribute(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("invalid cookie " + what + " attribute: character "
                        + describe(c) + " at index " + i);
            }
        }
        return text;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case ' ' -> "space";
            default -> c < 0x20 || c >= 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
        };
    }
}
