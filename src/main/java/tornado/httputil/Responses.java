package tornado.httputil;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import tornado.trace.Mirrors;

/**
 * The reason phrases: 200 is "OK", 404 is "Not Found".
 *
 * <p>Tornado 2.4.1 reads Python's {@code httplib.responses} directly; since 4.0 it re-exports that
 * table (Python 3's {@code http.client.responses}) as {@code httputil.responses}. The
 * server writes its phrase after the code in the status line ({@code HTTP/1.1 404 Not Found}),
 * and {@code web.RequestHandler} uses it for {@code set_status} and the default error page. Java
 * has no such table, so here it is: every status RFC 9110 defines, with RFC 9110's phrases
 * ({@code 413 Content Too Large}, where Python before 3.13 said "Request Entity Too Large"), plus
 * the registered extensions Python also lists (WebDAV's 207, 422, 423, 424, 507, 508; 103, 425,
 * 428, 429, 431, 451, 511; and 418). 306 is left out, as RFC 9110 marks it unused.
 */
@Mirrors("httputil.responses 4.0")
public final class Responses {
    private Responses() {}

    private static final Map<Integer, String> PHRASES;
    static {
        Map<Integer, String> m = new TreeMap<>();
        m.put(100, "Continue");
        m.put(101, "Switching Protocols");
        m.put(102, "Processing");
        m.put(103, "Early Hints");
        m.put(200, "OK");
        m.put(201, "Created");
        m.put(202, "Accepted");
        m.put(203, "Non-Authoritative Information");
        m.put(204, "No Content");
        m.put(205, "Reset Content");
        m.put(206, "Partial Content");
        m.put(207, "Multi-Status");
        m.put(208, "Already Reported");
        m.put(226, "IM Used");
        m.put(300, "Multiple Choices");
        m.put(301, "Moved Permanently");
        m.put(302, "Found");
        m.put(303, "See Other");
        m.put(304, "Not Modified");
        m.put(305, "Use Proxy");
        m.put(307, "Temporary Redirect");
        m.put(308, "Permanent Redirect");
        m.put(400, "Bad Request");
        m.put(401, "Unauthorized");
        m.put(402, "Payment Required");
        m.put(403, "Forbidden");
        m.put(404, "Not Found");
        m.put(405, "Method Not Allowed");
        m.put(406, "Not Acceptable");
        m.put(407, "Proxy Authentication Required");
        m.put(408, "Request Timeout");
        m.put(409, "Conflict");
        m.put(410, "Gone");
        m.put(411, "Length Required");
        m.put(412, "Precondition Failed");
        m.put(413, "Content Too Large");
        m.put(414, "URI Too Long");
        m.put(415, "Unsupported Media Type");
        m.put(416, "Range Not Satisfiable");
        m.put(417, "Expectation Failed");
        m.put(418, "I'm a Teapot");
        m.put(421, "Misdirected Request");
        m.put(422, "Unprocessable Content");
        m.put(423, "Locked");
        m.put(424, "Failed Dependency");
        m.put(425, "Too Early");
        m.put(426, "Upgrade Required");
        m.put(428, "Precondition Required");
        m.put(429, "Too Many Requests");
        m.put(431, "Request Header Fields Too Large");
        m.put(451, "Unavailable For Legal Reasons");
        m.put(500, "Internal Server Error");
        m.put(501, "Not Implemented");
        m.put(502, "Bad Gateway");
        m.put(503, "Service Unavailable");
        m.put(504, "Gateway Timeout");
        m.put(505, "HTTP Version Not Supported");
        m.put(506, "Variant Also Negotiates");
        m.put(507, "Insufficient Storage");
        m.put(508, "Loop Detected");
        m.put(510, "Not Extended");
        m.put(511, "Network Authentication Required");
        PHRASES = Collections.unmodifiableMap(m);
    }

    /** The phrase for {@code code}, or {@code null} if the code is not a known status. */
    public static String responses(int code) {
        return PHRASES.get(code);
    }

    /**
     * The phrase for {@code code}, or {@code "Unknown"}: what goes in a status line, where some
     * phrase is needed even for a code a handler made up (Tornado's
     * {@code responses.get(code, "Unknown")}).
     */
    public static String reason(int code) {
        return PHRASES.getOrDefault(code, "Unknown");
    }

    /** Every known code and its phrase, in order of code. */
    public static Map<Integer, String> all() {
        return PHRASES;
    }
}
