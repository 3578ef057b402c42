package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import tornado.testing.LogCapture;

/**
 * Error pages: an HTTPError thrown anywhere gives its status; anything else gives 500 and is
 * logged with its stack; the stack trace reaches the page only with debug on. 404 and 405 pages
 * are real HTML a browser shows.
 */
class ErrorPagesTest extends tornado.testing.OnBothConnections {
    public static class Failing extends RequestHandler {
        @Override
        protected void prepare() {
            if (getArgument("in", "").equals("prepare")) throw new HTTPError(403, "no entry for %s", "you");
        }

        @Override
        public void get(String... args) {
            switch (getArgument("what", "")) {
                case "http" -> helper();
                case "npe" -> throw new NullPointerException("a bug in the handler");
                case "weird" -> throw new HTTPError(299);
                case "reason" -> throw HTTPError.withReason(422, "Unprocessable Entity", "bad input %d", 7);
                case "flushed" -> {
                    write("partial");
                    flush();
                    throw new IllegalStateException("after flush");
                }
                default -> write("fine");
            }
        }

        // An HTTPError from deep inside the handler's own code, not only from get() itself.
        private void helper() {
            throw new HTTPError(409, "conflict on %s", "thing");
        }
    }

    private static AppServer serve(boolean debug) throws Exception {
        return new AppServer(new Application(List.of(url("/", Failing.class)), new Settings().debug(debug)));
    }

    @Test
    void anHttpErrorAnywhereGivesItsStatusAndLogsItsMessage() throws Exception {
        LogCapture general = LogCapture.on("tornado.general");
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.get("/?what=http");
            assertEquals(409, r.status());
            assertEquals("<html><title>409: Conflict</title><body>409: Conflict</body></html>", r.text());
            // The log message is for the log, never for the client.
            assertFalse(r.text().contains("thing"));
            assertTrue(general.messages().stream().anyMatch(m -> m.contains("409 GET /?what=http")
                    && m.contains("conflict on thing")), general.messages().toString());

            assertEquals(403, s.get("/?in=prepare").status());
        } finally {
            general.remove();
        }
    }

    @Test
    void anHttpErrorMayCarryItsOwnReason() throws Exception {
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.get("/?what=reason");
            assertEquals("HTTP/1.1 422 Unprocessable Entity", r.statusLine());
            assertTrue(r.text().contains("422: Unprocessable Entity"));
        }
    }

    @Test
    void anHttpErrorWithAnUnknownStatusIsA500() throws Exception {
        LogCapture app = LogCapture.on("tornado.application");
        try (AppServer s = serve(false)) {
            assertEquals(500, s.get("/?what=weird").status());
            assertTrue(app.messages().stream().anyMatch(m -> m.contains("Bad HTTP status code: 299")));
        } finally {
            app.remove();
        }
    }

    @Test
    void anyOtherExceptionIs500LoggedWithItsStackAndNeverShownWithoutDebug() throws Exception {
        LogCapture app = LogCapture.on("tornado.application");
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.get("/?what=npe");
            assertEquals(500, r.status());
            assertEquals("text/html; charset=UTF-8", r.header("Content-Type"));
            assertEquals("<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>",
                    r.text());
            assertFalse(r.text().contains("NullPointerException"));
            assertFalse(r.text().contains("a bug in the handler"));
            Throwable logged = app.thrown().stream().filter(e -> e instanceof NullPointerException).findFirst().orElseThrow();
            assertEquals("a bug in the handler", logged.getMessage());
            assertTrue(logged.getStackTrace().length > 0);
            assertTrue(app.messages().stream().anyMatch(m -> m.startsWith("Uncaught exception GET /?what=npe")));
            // The server goes on serving.
            assertEquals("fine", s.get("/").text());
        } finally {
            app.remove();
        }
    }

    @Test
    void withDebugThePageIsTheStackTrace() throws Exception {
        try (AppServer s = serve(true)) {
            RawHttp.Response r = s.get("/?what=npe");
            assertEquals(500, r.status());
            assertEquals("text/plain; charset=UTF-8", r.header("Content-Type"));
            assertTrue(r.text().startsWith("java.lang.NullPointerException: a bug in the handler"), r.text());
            assertTrue(r.text().contains("at tornado.web.ErrorPagesTest$Failing.get(ErrorPagesTest.java:"), r.text());
            // An HTTPError is an answer, not a bug: the normal page even in debug.
            assertTrue(s.get("/?what=http").text().startsWith("<html>"));
        }
    }

    @Test
    void anExceptionAfterFlushEndsTheResponseAsItStands() throws Exception {
        LogCapture app = LogCapture.on("tornado.application");
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.get("/?what=flushed");
            assertEquals(200, r.status());
            assertEquals("partial", r.text());
            assertTrue(app.messages().stream().anyMatch(m -> m.contains("Cannot send error response after headers written")));
        } finally {
            app.remove();
        }
    }

    @Test
    void the404PageIsHtmlABrowserShows() throws Exception {
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.get("/missing");
            assertEquals(404, r.status());
            assertEquals("text/html; charset=UTF-8", r.header("Content-Type"));
            assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));
            Document page = Jsoup.parse(r.text());
            assertEquals("404: Not Found", page.title());
            assertEquals("404: Not Found", page.body().text());
        }
    }

    @Test
    void the405PageIsHtmlWithAnAllowHeader() throws Exception {
        try (AppServer s = serve(false)) {
            RawHttp.Response r = s.exchange("DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("GET, HEAD", r.header("Allow"));
            Document page = Jsoup.parse(r.text());
            assertEquals("405: Method Not Allowed", page.title());
            assertEquals("405: Method Not Allowed", page.body().text());
        }
    }

    /** A custom error page; also shows sendError from inside a handler. */
    public static class Custom extends RequestHandler {
        @Override
        public void get(String... args) {
            write("thrown away");
            sendError(503);
        }

        @Override
        protected void writeError(int status, Throwable cause) {
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            finish("custom " + status);
        }
    }

    @Test
    void sendErrorDiscardsTheBufferAndUsesWriteError() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", Custom.class))))) {
            RawHttp.Response r = s.get("/");
            assertEquals(503, r.status());
            assertEquals("custom 503", r.text());
        }
    }

    @Test
    void aSpecWithBadInitializeArgumentsIsA500ForThatRouteOnly() throws Exception {
        LogCapture app = LogCapture.on("tornado.application");
        try (AppServer s = new AppServer(new Application(List.of(
                url("/broken", RedirectHandler.class, Map.of("wrong", "argument")),
                url("/", Failing.class))))) {
            assertEquals(500, s.get("/broken").status());
            assertTrue(app.thrown().stream().anyMatch(e -> e.getMessage().contains("RedirectHandler needs a String \"url\"")),
                    app.messages().toString());
            assertEquals("fine", s.get("/").text());
        } finally {
            app.remove();
        }
    }

    @Test
    void errorHandlerAnswersItsStatusForEveryMethod() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(
                url("/gone", ErrorHandler.class, Map.of("status_code", 410)))))) {
            assertEquals(410, s.get("/gone").status());
            assertEquals(410, s.exchange(RawHttp.request("POST", "/gone", Map.of(), new byte[0])).status());
            assertEquals(410, s.exchange("BREW /gone HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status());
        }
    }
}
