package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request target's four forms, and the Host header's rules (RFC 9112 §3.2). */
class RequestTargetTest {

    private static HTTPHeaders headers(String... nameValues) {
        HTTPHeaders h = new HTTPHeaders();
        for (int i = 0; i < nameValues.length; i += 2) h.add(nameValues[i], nameValues[i + 1]);
        return h;
    }

    private static String refused(String method, String target) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestTarget.parse(method, target));
        assertEquals(400, e.code());
        return e.getMessage();
    }

    // ------------------------------------------------------------------ the forms

    @Test
    void originFormIsTheWholeTarget() {
        assertEquals(new RequestTarget(RequestTarget.Form.ORIGIN, null, "/a/b?x=1"), RequestTarget.parse("GET", "/a/b?x=1"));
        assertEquals("/", RequestTarget.parse("GET", "/").pathAndQuery());
        // A path that looks like a URI further on is still a path.
        assertEquals("/http://x/", RequestTarget.parse("GET", "/http://x/").pathAndQuery());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://example.com/abs?x=1          | example.com        | /abs?x=1
            https://example.com/abs             | example.com        | /abs
            HTTP://Example.COM:8080/a/b         | Example.COM:8080   | /a/b
            http://example.com                  | example.com        | /
            http://example.com?x=1              | example.com        | /?x=1
            http://example.com/                 | example.com        | /
            http://127.0.0.1:8888/p?q=http://x/ | 127.0.0.1:8888     | /p?q=http://x/
            http://[::1]:8080/v6                | [::1]:8080         | /v6
            http://ex%41mple.com/               | ex%41mple.com      | /
            """)
    void absoluteFormGivesTheHostAndThePathAfterIt(String target, String authority, String pathAndQuery) {
        assertEquals(new RequestTarget(RequestTarget.Form.ABSOLUTE, authority, pathAndQuery), RequestTarget.parse("GET", target));
    }

    @Test
    void asteriskFormIsForOptionsOnly() {
        assertEquals(new RequestTarget(RequestTarget.Form.ASTERISK, null, "*"), RequestTarget.parse("OPTIONS", "*"));
        assertEquals("request target '*' is only for OPTIONS (RFC 9112 §3.2.4), not for 'GET'", refused("GET", "*"));
        // OPTIONS may of course ask about a resource too.
        assertEquals("/a", RequestTarget.parse("OPTIONS", "/a").pathAndQuery());
    }

    @Test
    void connectIsRefusedBecauseWeAreNotAProxy() {
        assertEquals("CONNECT 'example.com:443' asks for a tunnel through a proxy, and this server is not a proxy",
                refused("CONNECT", "example.com:443"));
        // Whatever its target: a CONNECT is never for us.
        assertTrue(refused("CONNECT", "/").startsWith("CONNECT '/' asks for a tunnel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:443", "a/b", "ftp://example.com/f", "mailto:x@example.com", "http:/a",
            "http:example.com/a", "urn:isbn:123", "?x=1", "#frag", "**", "localhost"})
    void targetsOfNoFormWeServeAre400(String target) {
        assertEquals("request target '" + target + "' is none of the forms this server serves: a path ('/a?b=c'),"
                + " an http or https URI ('http://host/a?b=c'), or '*' for OPTIONS", refused("GET", target));
    }

    @Test
    void anEmptyTargetIs400() {
        // Off the wire RequestStartLine refuses it first; a request made by hand meets this.
        assertEquals("empty request target: a request asks for at least '/'", refused("GET", ""));
    }

    @Test
    void absoluteFormWithABadHostIs400() {
        assertEquals("request target 'http:///a' has an empty host, which an http URI may not have (RFC 9110 §4.2.1)",
                refused("GET", "http:///a"));
        assertTrue(refused("GET", "http://:80/a").contains("has an empty host"));
        assertEquals("request target 'http://user:secret@example.com/' carries user information before its host,"
                + " which RFC 9110 §4.2.4 has a server treat as an error", refused("GET", "http://user:secret@example.com/"));
        assertEquals("request target 'http://a,b/' has host 'a,b', which is not a valid host[:port]",
                refused("GET", "http://a,b/"));
        assertTrue(refused("GET", "http://example.com:8o/").contains("has host 'example.com:8o'"));
        assertTrue(refused("GET", "http://[zz]/").contains("has host '[zz]'"));
    }

    // ------------------------------------------------------------------ the Host header

    private static final RequestStartLine HTTP11 = RequestStartLine.parse("GET / HTTP/1.1");
    private static final RequestStartLine HTTP10 = RequestStartLine.parse("GET / HTTP/1.0");

    private static String hostRefused(RequestStartLine line, HTTPHeaders h) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> RequestTarget.checkHost(line, h));
        assertEquals(400, e.code());
        return e.getMessage();
    }

    @Test
    void http11WithoutHostIs400ButHttp10MayLeaveItOut() {
        assertEquals("HTTP/1.1 request without a Host header, which RFC 9112 §3.2 requires"
                + " (send 'Host:' with an empty value if the URI has no host)", hostRefused(HTTP11, headers()));
        assertTrue(hostRefused(RequestStartLine.parse("GET / HTTP/1.2"), headers()).startsWith("HTTP/1.2 request without"));
        assertDoesNotThrow(() -> RequestTarget.checkHost(HTTP10, headers()));
    }

    @Test
    void moreThanOneHostIs400WhateverTheVersion() {
        assertEquals("2 Host headers 'a.example, b.example': a request names one host (RFC 9112 §3.2)",
                hostRefused(HTTP11, headers("Host", "a.example", "Host", "b.example")));
        // The same pair, joined into one line by a proxy.
        assertEquals("Host header 'a.example,b.example' holds a comma: several hosts joined into one header,"
                + " where a request names one", hostRefused(HTTP11, headers("Host", "a.example,b.example")));
        // Even two equal ones: the rule counts header lines.
        assertTrue(hostRefused(HTTP10, headers("Host", "a", "Host", "a")).startsWith("2 Host headers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:8080", "EXAMPLE.com", "127.0.0.1", "127.0.0.1:8888",
            "[::1]", "[::1]:8080", "[2001:db8::7]", "[::ffff:192.0.2.1]:80", "[v1.fe80::a+en1]", "localhost",
            "my_host.local", "ex%41mple.com", "example.com:", "", "a-b.c~d!$&'()*+;=e"})
    void validHostsPass(String host) {
        assertTrue(RequestTarget.isHostAndPort(host), host);
        assertDoesNotThrow(() -> RequestTarget.checkHost(HTTP11, headers("Host", host)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "example.com:80:80", "example.com:http", "[::1", "[::1]x", "[]", "[1.2.3.4]",
            "[g::1]", "[v.x]", "[v1.]", "ex%4mple.com", "ex%zzmple", "a/b", "a?b", "a#b", "a@b", "a\"b", "a<b>",
            "caf\u00e9.example", "a\\b", "a{b}", "x[::1]"})
    void invalidHostsAre400(String host) {
        assertFalse(RequestTarget.isHostAndPort(host), host);
        String message = hostRefused(HTTP11, headers("Host", host));
        assertTrue(message.startsWith("Host header " + HTTPInputError.quote(host) + " is not a valid host[:port]"), message);
    }
}
