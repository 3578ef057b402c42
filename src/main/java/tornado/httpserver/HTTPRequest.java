package tornado.httpserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tornado.httputil.BodyArguments;
import tornado.httputil.HTTPFile;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.QueryStrings;
import tornado.httputil.RequestStartLine;
import tornado.httputil.RequestTarget;
import tornado.trace.Mirrors;

/**
 * One HTTP request, as the application sees it: what the client asked for, and the two calls
 * that answer it, {@link #write} and {@link #finish}. Mirrors httpserver.py's {@code HTTPRequest}
 * (v2.4.1; Tornado 4 renamed it {@code httputil.HTTPServerRequest}).
 *
 * <p>{@link HTTPConnection#onHeaders} makes one per request from the start line and headers, and
 * hands it to the request callback, after {@code onRequestBody} has filled in the body if there
 * is one. The fields are Tornado's: {@code method}, {@code uri} (with {@code path} and
 * {@code query}, its two halves), {@code version}, {@code headers}, {@code body},
 * {@code remoteIp}, {@code protocol}, {@code host}, {@code arguments}, {@code files}. Tornado
 * makes them plain attributes; we make them methods, as Java code reads them.
 *
 * <p>{@code write} and {@code finish} go straight to the connection: as in Tornado 2.4, the
 * request callback writes the raw response, status line and headers included, itself. Chapter 5's
 * {@code RequestHandler} builds those bytes for you; here you see them.
 */
@Mirrors({"httpserver.HTTPRequest", "httputil.HTTPServerRequest 4.0"})
public class HTTPRequest {
    private final String method;
    private final String uri;
    private final String version;
    private final HTTPHeaders headers;
    /** The target from its path on: the whole URI but for an absolute-form target. */
    private final String pathAndQuery;
    private final String path;
    private final String query;
    // The client's address as text. A proxy's header (with xheaders) sets it in the constructor;
    // the socket's peer is left null until remoteIp() first makes its text from the connection's
    // address. Made by the connection for every request, it was 60 to 110 of the bytes each
    // request allocated (bench/README.adoc, "Per request": the address's text and the
    // builder it is made in), for a value read only by handlers that want it and by the access
    // log when it is on; kept by the connection instead, it was 56 bytes that every idle
    // connection held.
    private String remoteIp;
    private final String protocol;
    private final String host;
    private final RequestConnection connection;
    private final boolean supportsHttp11;

    private byte[] body;
    // The body of a request without one, shared: an empty array has nothing to change.
    private static final byte[] NO_BODY = new byte[0];
    // The four argument maps are made when first asked for (an empty map then), or, for a
    // request with a query, when it is made. Most requests have neither query nor form body,
    // and 4 empty LinkedHashMaps made and dropped for each (with the copy's iterator) were about
    // 220 bytes per request: uri-echo's allocation fell from 1,769 to about 1,550 bytes
    // (bench/README.adoc, "Per request").
    private Map<String, List<String>> arguments;
    private Map<String, List<String>> queryArguments;
    private Map<String, List<String>> bodyArguments;
    private Map<String, List<HTTPFile>> files;
    private Map<String, String> cookies;

    // Nanoseconds on the monotonic clock, so that requestTime() cannot go negative when the wall
    // clock is adjusted; Tornado uses time.time() and can.
    private final long startNanos = System.nanoTime();
    private long finishNanos = -1;

    // tag::constructor[]
    /**
     * The request as {@link HTTPConnection} makes it. The client's address is the connection's
     * peer ({@link RequestConnection#address}); with the connection's {@code xheaders} on, a
     * proxy's {@code X-Real-Ip} or {@code X-Forwarded-For} replaces it, and {@code X-Scheme} or
     * {@code X-Forwarded-Proto} gives the protocol.
     *
     * @throws HTTPInputError (400) if {@code uri} is not a request target this server serves;
     *                        see {@link RequestTarget#parse}
     */
    @Mirrors("httpserver.HTTPRequest.__init__")
    public HTTPRequest(RequestConnection connection, String method, String uri, String version, HTTPHeaders headers) {
        this(method, uri, version, headers, null, null, null, null, connection);
    }

    /**
     * A request with every field given, as Tornado's keyword arguments allow; {@code null}
     * {@code body}, {@code protocol} or {@code host} take their defaults (empty, {@code http},
     * the {@code Host} header or {@code 127.0.0.1}), and {@code connection} may be null for a
     * request that will never be answered over a socket (a test of chapter 5's routing, say).
     *
     * @throws HTTPInputError (400) if {@code uri} is not a request target this server serves
     */
    @Mirrors("httpserver.HTTPRequest.__init__")
    public HTTPRequest(String method, String uri, String version, HTTPHeaders headers, byte[] body,
                       String socketIp, String protocol, String host, RequestConnection connection) {
        this.method = method;
        this.uri = uri;
        this.version = version == null ? "HTTP/1.0" : version;
        this.headers = headers == null ? new HTTPHeaders() : headers;
        this.body = body == null ? NO_BODY : body;
        this.connection = connection;
        // Tornado 2.4 tests `version == "HTTP/1.1"`; httputil's rule also gives a (hypothetical)
        // HTTP/1.2 client 1.1 semantics, as RFC 9112 asks, and framing already follows that rule,
        // so keep-alive must too.
        this.supportsHttp11 = this.version.length() == 8
                && new RequestStartLine(method, uri, this.version).supportsHttp11();

        if (connection != null && connection.xheaders()) {
            // Behind a proxy the socket's peer is the proxy; the client is in these headers.
            // nginx sets X-Real-Ip; Squid and most others append to X-Forwarded-For.
            String ip = this.headers.get("X-Real-Ip", this.headers.get("X-Forwarded-For", null));
            if (ip != null) {
                // Evolution (4.0): X-Forwarded-For is a list, each proxy adding the address it
                // saw; only the last entry was written by the proxy we trust (2.4 took the whole
                // header).
                int comma = ip.lastIndexOf(',');
                if (comma >= 0) ip = ip.substring(comma + 1);
                ip = ip.strip();
            }
            this.remoteIp = ip != null && validIp(ip) ? ip : socketIp;
            // AWS's load balancers send X-Forwarded-Proto.
            String proto = this.headers.get("X-Scheme", this.headers.get("X-Forwarded-Proto", protocol));
            this.protocol = "http".equals(proto) || "https".equals(proto) ? proto : "http";
        } else {
            this.remoteIp = socketIp;
            // Chapter 4 has no TLS, so without a proxy's word the protocol is plain http.
            this.protocol = protocol != null ? protocol : "http";
        }
        // Which resource, on which host. Tornado splits the raw target at '?'; httputil first
        // reads its form, so that an absolute-form target, "http://example.com/a?b", gives the
        // path "/a" rather than "http://example.com/a", which no route would match.
        RequestTarget target = RequestTarget.parse(method, uri);
        this.pathAndQuery = target.pathAndQuery();
        // RFC 9112 §3.2.2: the host named in an absolute-form target wins over the Host header.
        // Its scheme, though, does not become the protocol: it says what the client asked for,
        // not how this connection reached us (xheaders above is how a trusted proxy says that).
        String hostHeader = this.headers.get("Host");
        this.host = host != null ? host
                : target.authority() != null ? target.authority()
                : hostHeader != null && !hostHeader.isEmpty() ? hostHeader : "127.0.0.1";

        // The target's two halves, split at the first '?', as Python's str.partition does.
        int q = pathAndQuery.indexOf('?');
        this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        // The query parser works on bytes, as Tornado's does. Off the wire the URI is ASCII
        // (RequestStartLine refuses anything else, so UTF-8 arrives percent-encoded); a request
        // made by hand may hold more, and ISO-8859-1 turns each char up to 0xFF back into the
        // one byte it stands for.
        if (!query.isEmpty()) {
            this.queryArguments = QueryStrings.parseQsBytes(query.getBytes(StandardCharsets.ISO_8859_1));
            this.arguments = copy(queryArguments);
        }
    }
    // end::constructor[]

    /** A GET-style request with no headers, body or connection: for tests of what sits above. */
    public HTTPRequest(String method, String uri) {
        this(method, uri, "HTTP/1.0", null, null, "127.0.0.1", null, null, null);
    }

    // ================================================================== answering

    // tag::write[]
    /** Writes {@code chunk} to the response: raw bytes, the status line and headers included. */
    @Mirrors("httpserver.HTTPRequest.write")
    public void write(byte[] chunk) {
        write(chunk, null);
    }

    /** As {@link #write(byte[])}; {@code callback} runs when the bytes have been handed to the kernel. */
    @Mirrors("httpserver.HTTPRequest.write")
    public void write(byte[] chunk, Runnable callback) {
        requireConnection().write(chunk, callback);
    }

    /** Ends the response; the connection then keeps or closes the connection by the keep-alive rules. */
    @Mirrors("httpserver.HTTPRequest.finish")
    public void finish() {
        requireConnection().finish();
        finishNanos = System.nanoTime();
    }
    // end::write[]

    /** The connection this request arrived on, or null for a request made without one (as in Tornado). */
    @Mirrors("httpserver.HTTPRequest.connection")
    public RequestConnection connection() {
        return connection;
    }

    private RequestConnection requireConnection() {
        if (connection == null) {
            throw new IllegalStateException("this request was made without a connection, so it cannot be answered: " + this);
        }
        return connection;
    }

    // ================================================================== what was asked

    @Mirrors("httpserver.HTTPRequest.method")
    public String method() {
        return method;
    }

    /**
     * The request target exactly as sent: nearly always a path and query, {@code /a/b?x=1}; a
     * whole URI for an absolute-form target, {@code http://example.com/a/b?x=1}; {@code *} for
     * {@code OPTIONS *}.
     */
    @Mirrors("httpserver.HTTPRequest.uri")
    public String uri() {
        return uri;
    }

    /**
     * The path the target asks for, not percent-decoded: the target up to its first {@code ?},
     * after the host if the target is a whole URI ({@code /a/b} either way), or {@code *}.
     */
    @Mirrors("httpserver.HTTPRequest.path")
    public String path() {
        return path;
    }

    /** The part of the target after the first {@code ?}, or empty. */
    @Mirrors("httpserver.HTTPRequest.query")
    public String query() {
        return query;
    }

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    @Mirrors("httpserver.HTTPRequest.version")
    public String version() {
        return version;
    }

    @Mirrors("httpserver.HTTPRequest.headers")
    public HTTPHeaders headers() {
        return headers;
    }

    /** The body's bytes; empty when the request had none. */
    @Mirrors("httpserver.HTTPRequest.body")
    public byte[] body() {
        return body;
    }

    /** The client's IP address (with {@code xheaders}, as the proxy reported it). */
    @Mirrors("httpserver.HTTPRequest.remote_ip")
    public String remoteIp() {
        // Python's accept returns the address as text; the JDK's is an InetAddress, whose text
        // is made here the first time something asks, and kept for the rest of the request.
        if (remoteIp == null && connection != null && connection.address() != null) {
            remoteIp = connection.address().getAddress().getHostAddress();
        }
        return remoteIp;
    }

    /** {@code http}, or with {@code xheaders} what the proxy said ({@code http} or {@code https}). */
    @Mirrors("httpserver.HTTPRequest.protocol")
    public String protocol() {
        return protocol;
    }

    /**
     * The host the request is for, as {@code host[:port]}: the target's, if the target is a whole
     * URI; otherwise the {@code Host} header, or {@code 127.0.0.1} if it is empty or absent (an
     * HTTP/1.0 client may leave it out).
     */
    @Mirrors("httpserver.HTTPRequest.host")
    public String host() {
        return host;
    }

    /** Query and body arguments together, by name, in order of appearance. */
    @Mirrors("httpserver.HTTPRequest.arguments")
    public Map<String, List<String>> arguments() {
        if (arguments == null) arguments = new LinkedHashMap<>();
        return arguments;
    }

    /** The arguments from the query string alone. */
    @Mirrors("httpserver.HTTPRequest.query_arguments 3.2")
    public Map<String, List<String>> queryArguments() {
        if (queryArguments == null) queryArguments = new LinkedHashMap<>();
        return queryArguments;
    }

    /** The arguments from a form body alone (POST, PATCH or PUT). */
    @Mirrors("httpserver.HTTPRequest.body_arguments 3.2")
    public Map<String, List<String>> bodyArguments() {
        if (bodyArguments == null) bodyArguments = new LinkedHashMap<>();
        return bodyArguments;
    }

    /** Files uploaded with a {@code multipart/form-data} body, by form field name. */
    @Mirrors("httpserver.HTTPRequest.files")
    public Map<String, List<HTTPFile>> files() {
        if (files == null) files = new LinkedHashMap<>();
        return files;
    }

    // tag::cookies[]
    /**
     * The cookies the client sent, by name, parsed on first use. Every {@code Cookie} header
     * counts (HTTP/2 proxies may split them). The parser is lenient, as browsers are and Tornado
     * has been since 4.4.2: a malformed pair is skipped, never an error, because one bad cookie
     * set by some other site on the domain must not lock a user out of ours.
     */
    @Mirrors("httpserver.HTTPRequest.cookies")
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : headers.getList("Cookie")) parseCookie(header, parsed);
            cookies = parsed;
        }
        return cookies;
    }
    // end::cookies[]

    /** True for HTTP/1.1, whose connections stay open unless the client says otherwise. */
    @Mirrors("httpserver.HTTPRequest.supports_http_1_1")
    public boolean supportsHttp11() {
        return supportsHttp11;
    }

    /**
     * The whole URL the client asked for: {@code http://host/path?query}. Tornado appends the
     * raw {@code uri}, which for an absolute-form target would repeat the scheme and the host;
     * we append the target from its path on, the same thing for every other target.
     */
    @Mirrors("httpserver.HTTPRequest.full_url")
    public String fullUrl() {
        return protocol + "://" + host + pathAndQuery;
    }

    /** Seconds from the request's arrival to its finish, or until now if it is not finished. */
    @Mirrors("httpserver.HTTPRequest.request_time")
    public double requestTime() {
        long end = finishNanos < 0 ? System.nanoTime() : finishNanos;
        return (end - startNanos) / 1e9;
    }

    @Override
    @Mirrors("httpserver.HTTPRequest.__repr__")
    public String toString() {
        return "HTTPRequest(protocol=" + protocol + ", host=" + host + ", method=" + method + ", uri=" + uri
                + ", version=" + version + ", remote_ip=" + remoteIp() + ", body=" + body.length + " bytes)";
    }

    // ================================================================== filled in by the connection

    /** Called by {@link HTTPConnection#onRequestBody}: the body has arrived. */
    public void setBody(byte[] body) {
        this.body = body;
    }

    /**
     * Parses a form body ({@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data}) into {@link #bodyArguments()} and {@link #files()}, and adds
     * the arguments to {@link #arguments()} after the query's. The connection calls this for
     * POST, PATCH and PUT, as Tornado 2.4's {@code _on_request_body} does.
     */
    public void parseBodyArguments() {
        BodyArguments.parseBodyArguments(headers.get("Content-Type", ""), body, bodyArguments(), files(), headers);
        for (Map.Entry<String, List<String>> e : bodyArguments.entrySet()) {
            arguments().computeIfAbsent(e.getKey(), k -> new ArrayList<>(e.getValue().size())).addAll(e.getValue());
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> from) {
        Map<String, List<String>> to = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : from.entrySet()) to.put(e.getKey(), new ArrayList<>(e.getValue()));
        return to;
    }

    /**
     * Is {@code ip} an IP address literal? Tornado 2.4 asks {@code getaddrinfo} with
     * {@code AI_NUMERICHOST}, which never touches DNS. Java's {@code InetAddress.getByName} would
     * look a name up, and a header a client wrote must never make us wait for DNS, so we check
     * the two literal forms by hand.
     */
    @Mirrors("httpserver.HTTPRequest._valid_ip")
    static boolean validIp(String ip) {
        if (ip.isEmpty()) return false;
        return ip.indexOf(':') >= 0 ? validIpv6(ip) : validIpv4(ip);
    }

    private static boolean validIpv4(String ip) {
        int parts = 0;
        int i = 0;
        while (i <= ip.length()) {
            int start = i;
            int value = 0;
            while (i < ip.length() && ip.charAt(i) >= '0' && ip.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (ip.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255) return false;
            parts++;
            if (i == ip.length()) break;
            if (ip.charAt(i) != '.' || parts == 4) return false;
            i++;
        }
        return parts == 4;
    }

    private static boolean validIpv6(String ip) {
        // Eight groups of up to four hex digits, one "::" standing for one or more zero groups,
        // and optionally a dotted IPv4 address in place of the last two groups.
        int doubleColon = ip.indexOf("::");
        if (doubleColon >= 0 && ip.indexOf("::", doubleColon + 1) >= 0) return false;
        String[] groups = ip.split(":", -1);
        int count = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (group.isEmpty()) continue; // part of "::" (checked above), or a leading/trailing one
            if (g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!validIpv4(group)) return false;
                count += 2;
                continue;
            }
            if (group.length() > 4) return false;
            for (int k = 0; k < group.length(); k++) {
                if (Character.digit(group.charAt(k), 16) < 0) return false;
            }
            count++;
        }
        // A lone ':' at either end, not part of "::", is malformed.
        if (ip.startsWith(":") && !ip.startsWith("::")) return false;
        if (ip.endsWith(":") && !ip.endsWith("::")) return false;
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    /**
     * Adds the pairs of one {@code Cookie} header to {@code into}: {@code a=1; b="two"}. Pairs are
     * split at {@code ;}, each at its first {@code =}, names and values trimmed; a pair without
     * {@code =} is a value with an empty name (that is what browsers do); a double-quoted value
     * loses its quotes and backslash escapes. A later pair of the same name wins.
     */
    @Mirrors("httputil.parse_cookie 4.4.2")
    static void parseCookie(String header, Map<String, String> into) {
        for (String chunk : header.split(";")) {
            int eq = chunk.indexOf('=');
            String name = (eq < 0 ? "" : chunk.substring(0, eq)).strip();
            String value = (eq < 0 ? chunk : chunk.substring(eq + 1)).strip();
            if (name.isEmpty() && value.isEmpty()) continue;
            into.put(name, unquoteCookie(value));
        }
    }

    /** Python's cookie unquoting: strips surrounding quotes, then undoes {@code \"}, {@code \\} and {@code \ooo}. */
    private static String unquoteCookie(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        String inner = v.substring(1, v.length() - 1);
        if (inner.indexOf('\\') < 0) return inner;
        StringBuilder b = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && isOctalEscape(inner, i + 1)) {
                b.append((char) Integer.parseInt(inner.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < inner.length()) {
                b.append(inner.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Three octal digits at {@code at}, the first 0-3 so the value fits a byte: {@code \[0-3][0-7][0-7]}. */
    private static boolean isOctalEscape(String s, int at) {
        if (at + 3 > s.length()) return false;
        char a = s.charAt(at), b = s.charAt(at + 1), c = s.charAt(at + 2);
        return a >= '0' && a <= '3' && b >= '0' && b <= '7' && c >= '0' && c <= '7';
    }
}
