package tornado.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import tornado.testing.Chains;
import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;
import tornado.walkthroughs.Hello;
import tornado.walkthroughs.Walkthroughs;

/**
 * The hello walkthrough over loopback: what a browser and curl see, and the golden chain of one
 * GET / from accept to Application.__call__ → _execute → get → finish, read from JSON trace
 * events.
 */
class HelloWalkthroughTest extends tornado.testing.OnBothConnections {
    @Test
    void theScriptedRunGetsHelloWorldAndThenTheLateAnswer() throws Exception {
        String transcript = new Hello().runScripted();
        assertTrue(transcript.startsWith("HTTP/1.1 200 OK\n"), transcript);
        assertTrue(transcript.contains("\nContent-Length: 12\n"), transcript);
        assertTrue(transcript.contains("\nContent-Type: text/html; charset=UTF-8\n"), transcript);
        assertTrue(transcript.contains("\n\nHello, worldHTTP/1.1 200 OK\n"), transcript);
        assertTrue(transcript.endsWith("\n\nHello, later world"), transcript);
    }

    /**
     * The recorded /later shows the loop's asynchrony: get adds a 100 ms timeout and returns, the
     * response stays open, and the timeout firing is what runs finish, at least 100 ms later.
     */
    @Test
    void theRecordedLaterShowsTheTimeoutThatFinishesIt() throws Exception {
        Walkthroughs.Recorded run = Walkthroughs.record("hello");
        List<TraceEvent> events = run.events();
        TraceEvent later = events.stream().filter(e -> e.step().equals("Application.__call__")
                && e.detail().startsWith("GET /later")).findFirst().orElseThrow(() -> new AssertionError(events));
        List<TraceEvent> after = events.subList(events.indexOf(later), events.size());
        Chains.assertChain(List.of("Application.__call__", "RequestHandler._execute", "RequestHandler.get",
                "IOLoop.add_timeout", "IOLoop._timeouts", "RequestHandler.finish", "HTTPConnection.finish"), after);
        TraceEvent added = find(after, "IOLoop.add_timeout");
        TraceEvent fired = find(after, "IOLoop._timeouts");
        assertEquals(later.conn(), added.conn());
        assertEquals(later.conn(), fired.conn(), "the timeout fires under the connection that added it");
        assertTrue(added.detail().startsWith("due in 100 ms → RequestHandler callback"), added.detail());
        assertTrue(fired.detail().contains("100 ms timeout is due"), fired.detail());
        assertTrue(added.depth() > find(after, "RequestHandler.get").depth(), "add_timeout nests under get");
        assertTrue(fired.micros() - added.micros() >= 100_000,
                "the trace's clock shows the 100 ms gap: " + added.micros() + " → " + fired.micros());
        // The story starts with the scripted run itself, not with setting the server up.
        assertTrue(events.stream().noneMatch(e -> e.detail().contains("Running callback")), events.get(0).toString());
        assertTrue(events.stream().anyMatch(e -> e.client()) && events.stream().anyMatch(e -> e.side().equals(TraceEvent.SERVER)));
    }

    @Test
    void goldenChainOfOneGetFromJsonTraceEvents() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(connection.equals("callback"),
                "this pins the 2.4 chain of the hello walkthrough; Http1TraceTest pins the coroutine connection's");
        List<TraceEvent> server = Chains.serverSideOfScriptedRun(new Hello());
        Chains.assertChain(List.of("netutil.accept_handler", "TCPServer._handle_connection", "TCPServer.handle_stream", "IOStream.read_until",
                "IOStream._handle_events", "IOStream._read_to_buffer", "IOStream._run_callback", "HTTPConnection._on_headers", "HTTPConnection.request_callback",
                "Application.__call__", "RequestHandler._execute", "RequestHandler.get", "RequestHandler.finish", "RequestHandler.flush", "HTTPConnection.write", "HTTPConnection.finish",
                "HTTPConnection._finish_request"), server);

        TraceEvent call = find(server, "Application.__call__");
        assertEquals("GET / → / → MainHandler", call.detail());
        assertEquals("tornado/web/Application.java", call.file());
        assertTrue(call.java().startsWith("Application.handle(Application.java:"), call.java());
        TraceEvent execute = find(server, "RequestHandler._execute");
        assertEquals("GET MainHandler", execute.detail());
        assertTrue(execute.java().startsWith("RequestHandler.execute(RequestHandler.java:"), execute.java());
        // The depths nest: the connection's request_callback, then the application, the handler,
        // its method, and the flush inside finish.
        int base = find(server, "HTTPConnection.request_callback").depth();
        assertEquals(base + 1, call.depth());
        assertEquals(base + 2, execute.depth());
        assertEquals(base + 3, find(server, "RequestHandler.get").depth());
        assertEquals(base + 4, find(server, "RequestHandler.flush").depth());
    }

    @Test
    void recordedForTheTourAndTheSite() throws Exception {
        Walkthroughs.Recorded run = Walkthroughs.record("hello");
        assertTrue(run.transcript().endsWith("Hello, later world"));
        assertTrue(run.events().stream().anyMatch(e -> e.step().equals("Application.__call__")));
        assertEquals("05-web", Walkthroughs.named("hello").chapter());
    }

    @Test
    void helloEchoFormAndLaterOverLoopback() throws Exception {
        try (AppServer s = new AppServer(Hello.application())) {
            assertEquals("Hello, world", s.get("/").text());

            byte[] every = new byte[256 * 4];
            for (int i = 0; i < every.length; i++) every[i] = (byte) i;
            RawHttp.Response echo = s.exchange(RawHttp.request("POST", "/echo",
                    Map.of("Content-Type", "application/octet-stream"), every));
            assertEquals(200, echo.status());
            assertArrayEquals(every, echo.body());
            assertEquals("application/octet-stream", echo.header("Content-Type"));

            RawHttp.Response form = s.exchange(RawHttp.request("POST", "/form",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "name=Ada+Lovelace&x=1".getBytes(StandardCharsets.UTF_8)));
            assertEquals("name=Ada Lovelace", form.text());

            String multipart = "--b0undary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                    + "Grace\r\n--b0undary--\r\n";
            RawHttp.Response mp = s.exchange(RawHttp.request("POST", "/form",
                    Map.of("Content-Type", "multipart/form-data; boundary=b0undary"),
                    multipart.getBytes(StandardCharsets.UTF_8)));
            assertEquals("name=Grace", mp.text());

            RawHttp.Response missing = s.exchange(RawHttp.request("POST", "/form",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), "x=1".getBytes()));
            assertEquals(400, missing.status());
            assertEquals("Missing argument name", missing.reason());

            assertEquals("Hello, later world", s.get("/later").text());
        }
    }

    @Test
    void aBrowserSeesPagesAnd404And405() throws Exception {
        try (AppServer s = new AppServer(Hello.application()); RawHttp browser = new RawHttp(s.port)) {
            // What a browser sends, on one keep-alive connection: the page, then its favicon.
            String headers = "Host: 127.0.0.1:" + s.port + "\r\nUser-Agent: Mozilla/5.0\r\n"
                    + "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\nAccept-Encoding: gzip, deflate\r\n"
                    + "Accept-Language: en\r\nConnection: keep-alive\r\n\r\n";
            browser.send("GET / HTTP/1.1\r\n" + headers);
            RawHttp.Response page = browser.read(false);
            assertEquals(200, page.status());
            assertEquals("Hello, world", Jsoup.parse(page.text()).body().text());

            browser.send("GET /favicon.ico HTTP/1.1\r\n" + headers);
            RawHttp.Response notFound = browser.read(false);
            assertEquals(404, notFound.status());
            assertEquals("404: Not Found", Jsoup.parse(notFound.text()).title());

            browser.send("DELETE / HTTP/1.1\r\n" + headers);
            RawHttp.Response notAllowed = browser.read(false);
            assertEquals(405, notAllowed.status());
            assertEquals("GET, HEAD", notAllowed.header("Allow"));
            assertEquals("405: Method Not Allowed", Jsoup.parse(notAllowed.text()).title());

            // Still the same connection, still serving.
            browser.send("GET / HTTP/1.1\r\n" + headers);
            assertEquals("Hello, world", browser.read(false).text());
        }
    }

    private static TraceEvent find(List<TraceEvent> events, String step) {
        return events.stream().filter(e -> e.step().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + step + " in " + events));
    }

}
