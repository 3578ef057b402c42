package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Routing: Application.__call__ and add_handlers as Tornado 2.4 has them, over loopback.
 * Host patterns (first match wins, the catch-all stays last, unknown hosts go to the default
 * host), path patterns (whole-path match, first spec wins), groups (positional and named, URL-
 * decoded), reverseUrl, 404.
 */
class RoutingTest extends tornado.testing.OnBothConnections {
    /** Writes what it was given: its name, the path arguments and the named ones. */
    public static class Echo extends RequestHandler {
        private String label = "echo";

        @Override
        protected void initialize(Map<String, Object> kwargs) {
            if (kwargs.get("label") instanceof String s) label = s;
        }

        @Override
        public void get(String... args) {
            write(label + " " + Arrays.toString(args) + " " + pathKwargs());
        }
    }

    @Test
    void firstMatchingSpecWinsAndThePatternMustMatchTheWholePath() throws Exception {
        Application app = new Application(List.of(
                url("/a", Echo.class, Map.of("label", "exact")),
                url("/a.*", Echo.class, Map.of("label", "prefix")),
                url("/a", Echo.class, Map.of("label", "never"))));
        try (AppServer s = new AppServer(app)) {
            assertEquals("exact [] {}", s.get("/a").text());
            assertEquals("prefix [] {}", s.get("/abc").text());
            // "/a" must match the whole path, not a prefix of "/xa" or "/a/" partially.
            assertEquals(404, s.get("/xa").status());
        }
    }

    @Test
    void initArgumentsReachInitialize() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", Echo.class, Map.of("label", "hi")))))) {
            assertEquals("hi [] {}", s.get("/").text());
        }
    }

    /** Counts how many times it was made, and remembers its own number. */
    public static class Counted extends RequestHandler {
        static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();
        private final int number = MADE.incrementAndGet();
        private int served;

        @Override
        public void get(String... args) {
            served++;
            write(number + ":" + served);
        }
    }

    @Test
    void everyRequestGetsItsOwnHandler() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", Counted.class))))) {
            int before = Counted.MADE.get();
            // Each instance serves exactly one request.
            assertEquals((before + 1) + ":1", s.get("/").text());
            assertEquals((before + 2) + ":1", s.get("/").text());
        }
    }

    @Test
    void positionalGroupsArriveInOrderUrlDecoded() throws Exception {
        Application app = new Application(List.of(url("/p/([^/]+)/([^/]+)", Echo.class)));
        try (AppServer s = new AppServer(app)) {
            // %20 is a space and %2F a slash (inside one argument); a + stays a plus in a path.
            assertEquals("echo [a b, c/d+e] {}", s.get("/p/a%20b/c%2Fd+e").text());
            assertEquals("echo [caf\u00e9, x] {}", s.get("/p/caf%C3%A9/x").text());
        }
    }

    @Test
    void namedGroupsArriveByNameAndInPatternOrder() throws Exception {
        Application app = new Application(List.of(
                url("/(?<year>[0-9]{4})/(?<slug>[a-z-]+)", Echo.class)));
        try (AppServer s = new AppServer(app)) {
            assertEquals("echo [2012, hello-world] {year=2012, slug=hello-world}", s.get("/2012/hello-world").text());
        }
    }

    @Test
    void unmatchedOptionalGroupIsNull() throws Exception {
        Application app = new Application(List.of(url("/o(/x)?", Echo.class)));
        try (AppServer s = new AppServer(app)) {
            assertEquals("echo [null] {}", s.get("/o").text());
            assertEquals("echo [/x] {}", s.get("/o/x").text());
        }
    }

    @Test
    void noMatchIsA404PageForAnyMethod() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", Echo.class))))) {
            RawHttp.Response r = s.get("/nope");
            assertEquals(404, r.status());
            assertEquals("Not Found", r.reason());
            assertTrue(r.text().contains("404: Not Found"), r.text());
            assertEquals(404, s.exchange(RawHttp.request("POST", "/nope", Map.of(), new byte[0])).status());
        }
    }

    @Test
    void hostPatternsAreTriedInOrderAndTheCatchAllStaysLast() throws Exception {
        Application app = new Application(List.of(url("/", Echo.class, Map.of("label", "any"))));
        // Added after the constructor's catch-all, yet tried before it.
        app.addHandlers("www\\.example\\.com", List.of(url("/", Echo.class, Map.of("label", "www"))));
        app.addHandlers("(api|API)\\.example\\.com", List.of(url("/", Echo.class, Map.of("label", "api"))));
        try (AppServer s = new AppServer(app)) {
            assertEquals("www [] {}", hostGet(s, "www.example.com").text());
            // The port is not part of the match; the host is compared in lower case.
            assertEquals("www [] {}", hostGet(s, "WWW.Example.com:8080").text());
            assertEquals("api [] {}", hostGet(s, "api.example.com").text());
            assertEquals("any [] {}", hostGet(s, "other.example.org").text());
            // A host pattern is anchored: this is not www.example.com.
            assertEquals("any [] {}", hostGet(s, "www.example.com.evil.org").text());
        }
    }

    @Test
    void unknownHostIsRedirectedToTheDefaultHost() throws Exception {
        Application app = new Application(List.of(), "main.example.com", new Settings());
        app.addHandlers("main\\.example\\.com", List.of(url("/", Echo.class, Map.of("label", "main"))));
        app.addHandlers("other\\.example\\.com", List.of(url("/", Echo.class, Map.of("label", "other"))));
        try (AppServer s = new AppServer(app)) {
            assertEquals("other [] {}", hostGet(s, "other.example.com").text());
            // An unknown host is served by the default host's handlers when not behind a proxy…
            assertEquals("main [] {}", hostGet(s, "unknown.example.com").text());
            // …and behind one (X-Real-Ip), it is sent to the default host instead.
            RawHttp.Response r = s.exchange("GET / HTTP/1.1\r\nHost: unknown.example.com\r\n"
                    + "X-Real-Ip: 10.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(301, r.status());
            assertEquals("http://main.example.com/", r.header("Location"));
        }
    }

    @Test
    void noHostMatchAtAllRedirectsToDefaultHost() throws Exception {
        Application app = new Application(List.of(), "default.example.com", new Settings());
        app.addHandlers("only\\.example\\.com", List.of(url("/", Echo.class)));
        try (AppServer s = new AppServer(app)) {
            RawHttp.Response r = hostGet(s, "elsewhere.example.com");
            assertEquals(301, r.status());
            assertEquals("http://default.example.com/", r.header("Location"));
        }
    }

    @Test
    void reverseUrlRebuildsAPathTheRouterSendsBackToTheSameArguments() throws Exception {
        Application app = new Application(List.of(
                url("/user/([0-9]+)", Echo.class, Map.of(), "user"),
                url("/file/(?<name>.+)/raw", Echo.class, Map.of(), "file"),
                url("/favicon\\.ico", Echo.class, Map.of(), "icon")));
        assertEquals("/user/42", app.reverseUrl("user", 42));
        assertEquals("/favicon.ico", app.reverseUrl("icon"));
        String path = app.reverseUrl("file", "a b?c");
        assertEquals("/file/a%20b%3Fc/raw", path);
        try (AppServer s = new AppServer(app)) {
            assertEquals("echo [a b?c] {name=a b?c}", s.get(path).text());
        }
        assertThrows(IllegalArgumentException.class, () -> app.reverseUrl("nobody"));
        assertThrows(IllegalArgumentException.class, () -> app.reverseUrl("user"));
    }

    @Test
    void handlerReverseUrlIsTheApplications() throws Exception {
        class Linker extends RequestHandler {
            @Override
            public void get(String... args) {
                write(reverseUrl("user", "7"));
            }
        }
        Application app = new Application(List.of(
                url("/link", Linker::new),
                url("/user/([0-9]+)", Echo.class, Map.of(), "user")));
        try (AppServer s = new AppServer(app)) {
            assertEquals("/user/7", s.get("/link").text());
        }
    }

    private static RawHttp.Response hostGet(AppServer s, String host) throws Exception {
        return s.exchange("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }
}
