package tornado.httputil;

import java.util.List;

import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * Which resource a request asks for, and on which host: the request target read in the form it
 * came in, and the {@code Host} header checked, as RFC 9112 §3.2 asks.
 *
 * <p>{@link RequestStartLine#parse} hands over the target exactly as sent. Almost always it is
 * in origin-form, a path and a query ({@code /a?b=c}), and Tornado, from 2.4 to 6.x, takes it as
 * that: it splits the target at its first {@code ?} and calls the halves {@code path} and
 * {@code query}. But RFC 9112 §3.2 knows four forms, and a server must accept the absolute-form
 * too ({@code GET http://example.com/a?b=c HTTP/1.1}), which clients send to proxies and which a
 * gateway may pass on. Split Tornado's way, its path is {@code http://example.com/a} and no route
 * matches it. So we read the form first; {@code HTTPRequest}'s constructor calls {@link #parse},
 * and {@code HTTPConnection.onHeaders} calls {@link #checkHost} before making the request.
 *
 * <p>The four forms and what we do with each:
 * <ul>
 *   <li>origin-form, {@code /a?b=c}: the whole target is the path and query;</li>
 *   <li>absolute-form, {@code http://example.com/a?b=c}: the path and query follow the host,
 *       and the host is the target's, whatever the {@code Host} header says (§3.2.2);</li>
 *   <li>asterisk-form, {@code *}: only {@code OPTIONS *}, a question about the server as a
 *       whole; the path is {@code *};</li>
 *   <li>authority-form, {@code example.com:443}: only with {@code CONNECT}, which asks a proxy
 *       for a tunnel. We are not a proxy, so it is refused with 400.</li>
 * </ul>
 *
 * @param form         which of the accepted forms the target came in
 * @param authority    the {@code host[:port]} of an absolute-form target, as written; null for
 *                     the other forms, whose host is the {@code Host} header's
 * @param pathAndQuery the target from its path on, as an origin-form target would be written
 *                     ({@code /a?b=c}; {@code /} when an absolute URI has no path), or
 *                     {@code *}
 */
@JavaOnly("Tornado takes every target as a path; RFC 9112 §3.2 has a server read the absolute-form too")
public record RequestTarget(Form form, String authority, String pathAndQuery) {

    /** The forms of request target this server serves (RFC 9112 §3.2). */
    public enum Form {
        /** {@code /a?b=c}: a path and an optional query, as nearly every client sends. */
        ORIGIN,
        /** {@code http://example.com/a?b=c}: a whole URI, as sent to proxies. */
        ABSOLUTE,
        /** {@code *}: {@code OPTIONS *}, about the server rather than a resource. */
        ASTERISK
    }

    // tag::parse[]
    /**
     * Reads a request target in its form. {@code method} is needed because two forms belong to
     * one method each: the asterisk-form to {@code OPTIONS}, the authority-form to
     * {@code CONNECT}. A target off the wire has passed {@link RequestStartLine#parse}, so it holds
     * only visible ASCII; this function reads its shape.
     *
     * @throws HTTPInputError 400 for an empty target; for a {@code CONNECT}; for {@code *} with
     *                        any method but {@code OPTIONS}; for a target that is neither a
     *                        path, nor an {@code http} or {@code https} URI, nor {@code *}; and
     *                        for an absolute URI without a host, with user information
     *                        ({@code user@host}), or whose host is not a valid
     *                        {@code host[:port]}
     */
    public static RequestTarget parse(String method, String target) {
        // CONNECT asks us to open a tunnel to another host and then relay bytes blindly. That
        // is a proxy's job. We answer 400 rather than 405: a 405 must list the methods the
        // resource allows (RFC 9110 §15.5.6), and a CONNECT names no resource of ours to ask
        // about. The connection closes after the answer, as after every error, which matters
        // here: the client's next bytes may be meant for the tunnel (a TLS handshake, say).
        if (method.equals("CONNECT")) {
            throw new HTTPInputError("CONNECT " + HTTPInputError.quote(target)
                    + " asks for a tunnel through a proxy, and this server is not a proxy");
        }
        // RequestStartLine has refused an empty target already; a request made by hand has not.
        if (target.isEmpty()) throw new HTTPInputError("empty request target: a request asks for at least '/'");
        // Origin-form first: it is what nearly every request carries, and one char decides it.
        if (target.charAt(0) == '/') return new RequestTarget(Form.ORIGIN, null, target);
        if (target.equals("*")) {
            // RFC 9112 §3.2.4: "*" stands for the server itself, which only OPTIONS can ask about.
            if (!method.equals("OPTIONS")) {
                throw new HTTPInputError("request target '*' is only for OPTIONS (RFC 9112 §3.2.4), not for "
                        + HTTPInputError.quote(method));
            }
            return new RequestTarget(Form.ASTERISK, null, target);
        }
        return parseAbsolute(target);
    }
    // end::parse[]

    // tag::parse-absolute[]
    /**
     * The absolute-form: {@code scheme://host[:port]} and then the path and query. Only the two
     * schemes an HTTP server serves are accepted, in any case ({@code HTTP://} too, as RFC 3986
     * makes schemes case-insensitive).
     */
    private static RequestTarget parseAbsolute(String target) {
        int colon = target.indexOf(':');
        String scheme = colon < 0 ? "" : target.substring(0, colon);
        // A scheme, then "//": an http URI without an authority names no host (RFC 9110 §4.2.1).
        // Anything else (a bare "a/b", "ftp://x/", a CONNECT-style "example.com:80" sent with
        // GET) is no form we serve.
        if (!(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || !target.startsWith("//", colon + 1)) {
            throw new HTTPInputError("request target " + HTTPInputError.quote(target)
                    + " is none of the forms this server serves: a path ('/a?b=c'), an http or https URI"
                    + " ('http://host/a?b=c'), or '*' for OPTIONS");
        }
        // The authority runs to the path's '/' or the query's '?', whichever comes first.
        int start = colon + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') end++;
        String authority = target.substring(start, end);
        // "http://user:secret@host/" puts a password on the request line, where logs keep it;
        // RFC 9110 §4.2.4 has a recipient treat user information in an http URI as an error.
        if (authority.indexOf('@') >= 0) {
            throw new HTTPInputError("request target " + HTTPInputError.quote(target) + " carries user"
                    + " information before its host, which RFC 9110 §4.2.4 has a server treat as an error");
        }
        if (authority.isEmpty() || authority.charAt(0) == ':') {
            throw new HTTPInputError("request target " + HTTPInputError.quote(target)
                    + " has an empty host, which an http URI may not have (RFC 9110 §4.2.1)");
        }
        if (!isHostAndPort(authority)) {
            throw new HTTPInputError("request target " + HTTPInputError.quote(target) + " has host "
                    + HTTPInputError.quote(authority) + ", which is not a valid host[:port]");
        }
        // "http://example.com" and "http://example.com?x=1" ask for the root: RFC 9112 §3.2.1
        // has a client write an empty path as "/", so the request reads as if it had.
        String rest = target.substring(end);
        String pathAndQuery = rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest;
        return new RequestTarget(Form.ABSOLUTE, authority, pathAndQuery);
    }
    // end::parse-absolute[]

    // tag::check-host[]
    /**
     * Checks the {@code Host} header as RFC 9112 §3.2 requires of a server: a request answered
     * 400 when it is HTTP/1.1 (or a later 1.x) and has no {@code Host}, when it has more than one,
     * or when its value is not a {@code host[:port]}. HTTP/1.0 predates the header, so an
     * HTTP/1.0 request may leave it out. An empty value is valid (RFC 9112 §3.2 has clients send
     * one when the URI has no host); the request's host is then the default.
     *
     * <p>Evolution: Tornado 2.4 to 6.4 take the header as it comes, and whatever it holds ends up
     * in {@code request.host}, where {@code Application} routes by it. Tornado 6.5 checks it, in
     * {@code HTTPServerRequest}'s constructor; we check it here, before the request is made, so
     * that a request made by hand (a test of chapter 5's routing, say) need not carry one.
     *
     * @throws HTTPInputError 400, naming what was wrong and quoting the header
     */
    @Mirrors("httputil.HTTPServerRequest.__init__ 6.5")
    public static void checkHost(RequestStartLine line, HTTPHeaders headers) {
        List<String> hosts = headers.getList("Host");
        if (hosts.isEmpty()) {
            if (line.supportsHttp11()) {
                throw new HTTPInputError(line.version() + " request without a Host header, which RFC 9112 §3.2"
                        + " requires (send 'Host:' with an empty value if the URI has no host)");
            }
            return;
        }
        // Two hosts is the classic way to have a proxy check one and the server serve the other.
        if (hosts.size() > 1) {
            throw new HTTPInputError(hosts.size() + " Host headers "
                    + HTTPInputError.quote(String.join(", ", hosts)) + ": a request names one host (RFC 9112 §3.2)");
        }
        String host = hosts.get(0);
        // The same two hosts, after a proxy has joined the repeated header into one line with a
        // comma (RFC 9110 §5.3 lets it). URI syntax allows a comma in a host name, DNS does not;
        // Tornado 6.5 refuses it for this reason, and so do we.
        if (host.indexOf(',') >= 0) {
            throw new HTTPInputError("Host header " + HTTPInputError.quote(host)
                    + " holds a comma: several hosts joined into one header, where a request names one");
        }
        if (!isHostAndPort(host)) {
            throw new HTTPInputError("Host header " + HTTPInputError.quote(host)
                    + " is not a valid host[:port] (a name, an IPv4 address or a bracketed IPv6 address,"
                    + " then optionally ':' and a port from 0 to 65535)");
        }
    }
    // end::check-host[]

    /**
     * Is {@code s} a {@code host[:port]} as RFC 9110 §7.2 writes it: {@code uri-host [":" port]}?
     * The host is either a name (RFC 3986's reg-name: letters, digits, {@code -._~}, the
     * sub-delimiters, and percent-escapes) or an IP literal in brackets, {@code [::1]}; the port
     * is digits. An IPv4 address is a name as far as the grammar goes, so it needs no case of its
     * own. We depart from the grammar in one place: no comma (see {@link #checkHost}).
     *
     * <p>Inside brackets we check the characters of an IPv6 address (hex digits, {@code :} and
     * {@code .}) or RFC 3986's {@code vN.xxx} future form, not the address's exact shape: we
     * never connect to this host, only compare it with the names the application routes by, and
     * a malformed address there matches no route.
     */
    static boolean isHostAndPort(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !isIpLiteral(s.substring(1, close))) return false;
            i = close + 1;
        } else {
            while (i < n && s.charAt(i) != ':') {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= n || !isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) return false;
                    i += 3;
                    continue;
                }
                if (!isUnreserved(c) && (c == ',' || !isSubDelim(c))) return false;
                i++;
            }
        }
        if (i == n) return true;
        if (s.charAt(i) != ':') return false;
        for (int k = i + 1; k < n; k++) if (!isDigit(s.charAt(k))) return false;
        // The grammar allows any run of digits; a TCP port is at most 65535. A longer or larger
        // one (a:99999) names no service anyone could reach, so it is as invalid as a letter.
        return n - (i + 1) <= 5 && (n == i + 1 || Integer.parseInt(s, i + 1, n, 10) <= 65535);
    }

    // IPv6address or IPvFuture, the inside of RFC 3986's IP-literal.
    private static boolean isIpLiteral(String s) {
        if (s.isEmpty()) return false;
        if (s.charAt(0) == 'v' || s.charAt(0) == 'V') {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            int dot = s.indexOf('.');
            if (dot < 2 || dot == s.length() - 1) return false;
            for (int k = 1; k < dot; k++) if (!isHexDigit(s.charAt(k))) return false;
            for (int k = dot + 1; k < s.length(); k++) {
                char c = s.charAt(k);
                if (!isUnreserved(c) && !isSubDelim(c) && c != ':') return false;
            }
            return true;
        }
        // The shortest IPv6 address, "::", has two colons.
        int colons = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ':') colons++;
            else if (c != '.' && !isHexDigit(c)) return false;
        }
        return colons >= 2;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(char c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
