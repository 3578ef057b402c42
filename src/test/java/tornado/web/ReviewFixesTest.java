package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static tornado.web.URLSpec.url;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** Behaviours found by independent probes of the framework, each pinned by a test. */
class ReviewFixesTest extends tornado.testing.OnBothConnections {
    private static AppServer serve(Consumer<RequestHandler> body) throws Exception {
        return new AppServer(new Application(List.of(url("/", OutputTest.Lambda.class, Map.of("body", body)))));
    }

    @Test
    void throwingHttpError304GivesABodiless304() throws Exception {
        try (AppServer s = serve(h -> { throw new HTTPError(304); })) {
            RawHttp.Response r = s.get("/");
            assertEquals(304, Integer.parseInt(r.statusLine().split(" ")[1]), r.toString());
            assertEquals(0, r.body().length);
            assertNull(r.header("Content-Length"));
        }
    }

    /**
     * HTTP/1.0 with "Connection: keep-alive" but a body without Content-Length: the connection
     * must close (Tornado 2.4's keep-alive rule), so the response must not promise Keep-Alive; it says close.
     */
    @Test
    void anHttp10ResponseNeverPromisesAKeepAliveTheServerWillNotKeep() throws Exception {
        try (AppServer s = serve(h -> h.write("ok"))) {
            RawHttp.Response r = s.exchange("POST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            // Not Keep-Alive but close: the server closes after it, and says so (RFC 9112 §9.6).
            assertEquals("close", r.header("Connection"), r.toString());
            RawHttp.Response kept = s.exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("Keep-Alive", kept.header("Connection"));
        }
    }
}
