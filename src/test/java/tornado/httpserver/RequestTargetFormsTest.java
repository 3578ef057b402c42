package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The request-target forms and Host headers the server serves, over a real socket: what the
 * request callback sees for an absolute-form target, for {@code OPTIONS *}, and for the Host
 * headers RFC 9112 §3.2 lets through. (The ones it refuses are in {@link BadInputTest}.)
 */
class RequestTargetFormsTest extends tornado.testing.OnBothConnections {
    /** Every request the callback saw, handed from the loop's thread to the test's. */
    private final BlockingQueue<HTTPRequest> seen = new LinkedBlockingQueue<>();

    private TestServer start() throws Exception {
        return TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        });
    }

    private HTTPRequest next() throws InterruptedException {
        HTTPRequest r = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "the callback saw no request within 5 s");
        return r;
    }

    @Test
    void absoluteFormIsServedWithThePathQueryAndHostOfTheTarget() throws Exception {
        try (TestServer s = start(); RawClient c = s.connect()) {
            c.send("GET http://example.com/abs?x=1 HTTP/1.1\r\nHost: other.example\r\n\r\n");
            RawClient.Response response = c.readResponse();
            assertEquals(200, response.status());
            // uri stays what was sent, as Tornado's example server shows it.
            assertEquals("You requested http://example.com/abs?x=1\n", response.text());
            HTTPRequest r = next();
            assertEquals("http://example.com/abs?x=1", r.uri());
            assertEquals("/abs", r.path());
            assertEquals("x=1", r.query());
            assertEquals(List.of("1"), r.arguments().get("x"));
            // RFC 9112 §3.2.2: the target's host, not the Host header's.
            assertEquals("example.com", r.host());
            assertEquals("http://example.com/abs?x=1", r.fullUrl());

            // The connection stays open, and the next request, in origin-form, is read as usual.
            c.send("GET /next HTTP/1.1\r\nHost: other.example\r\n\r\n");
            assertEquals("You requested /next\n", c.readResponse().text());
            HTTPRequest second = next();
            assertEquals("/next", second.path());
            assertEquals("other.example", second.host());
        }
    }

    @Test
    void absoluteFormWithoutAPathAsksForTheRoot() throws Exception {
        try (TestServer s = start(); RawClient c = s.connect()) {
            c.send("GET HTTP://Example.COM:8080?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            HTTPRequest r = next();
            assertEquals("/", r.path());
            assertEquals("q=1", r.query());
            assertEquals("Example.COM:8080", r.host());
        }
    }

    @Test
    void optionsAsteriskKeepsThePathAsterisk() throws Exception {
        try (TestServer s = start(); RawClient c = s.connect()) {
            c.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested *\n", c.readResponse().text());
            HTTPRequest r = next();
            assertEquals("*", r.uri());
            assertEquals("*", r.path());
            assertEquals("", r.query());
            assertEquals("x", r.host());
        }
    }

    @Test
    void http10MayLeaveOutTheHostHeader() throws Exception {
        try (TestServer s = start(); RawClient c = s.connect()) {
            c.send("GET /old HTTP/1.0\r\n\r\n");
            assertEquals("You requested /old\n", c.readResponse().text());
            assertEquals("127.0.0.1", next().host());
        }
    }

    @Test
    void anEmptyHostIsValidAndGivesTheDefault() throws Exception {
        // RFC 9112 §3.2: a client whose URI has no host sends "Host:" with an empty value.
        try (TestServer s = start(); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost:\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            assertEquals("127.0.0.1", next().host());
        }
    }

    @Test
    void hostHeadersOfEveryValidShapeAreServedAsSent() throws Exception {
        try (TestServer s = start(); RawClient c = s.connect()) {
            for (String host : List.of("example.com", "example.com:8080", "127.0.0.1:" + s.port(), "[::1]:8080", "[::1]",
                    "my_host.local")) {
                c.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertEquals(200, c.readResponse().status(), host);
                assertEquals(host, next().host());
            }
        }
    }
}
