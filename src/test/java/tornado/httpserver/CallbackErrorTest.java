package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exception from the application is logged with its stack on {@code tornado.application},
 * answered 500 if nothing was written yet (otherwise the connection is closed), and the server
 * goes on serving.
 */
class CallbackErrorTest extends tornado.testing.OnBothConnections {
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger appLog = Logger.getLogger("tornado.application");
    private boolean useParent;

    @BeforeEach
    void captureLog() {
        appLog.addHandler(capture);
        useParent = appLog.getUseParentHandlers();
        appLog.setUseParentHandlers(false); // the stack traces are expected; keep the test output clean
    }

    @AfterEach
    void releaseLog() {
        appLog.removeHandler(capture);
        appLog.setUseParentHandlers(useParent);
    }

    private static RequestCallback failing() {
        return r -> {
            switch (r.path()) {
                case "/throw" -> throw new IllegalStateException("boom in the handler");
                case "/throw-after-write" -> {
                    r.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
                    throw new IllegalStateException("boom after writing");
                }
                case "/throw-in-write-callback" -> r.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), () -> {
                    throw new IllegalStateException("boom in a write callback");
                });
                case "/oom" -> throw new OutOfMemoryError("one client's allocation was too large");
                case "/oom-in-write-callback" -> r.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), () -> {
                    throw new OutOfMemoryError("in a write callback");
                });
                case "/recurse" -> throw new StackOverflowError("a handler recursed too deep");
                default -> TestServer.echo(r);
            }
        };
    }

    @Test
    void exceptionBeforeAnyWriteGets500AndIsLoggedWithItsStack() throws Exception {
        try (TestServer s = TestServer.start(failing()); RawClient c = s.connect()) {
            c.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.readResponse();
            assertEquals(500, r.status());
            assertEquals("close", r.header("Connection"));
            r.assertDatedNow();
            assertEquals("500 Internal Server Error\n", r.text(), "no exception details go to the client");
            assertTrue(c.closedByServer());
            s.assertServes();
        }
        synchronized (capture) {
            assertEquals(1, logged.size());
            assertEquals(Level.SEVERE, logged.get(0).getLevel());
            assertEquals("boom in the handler", logged.get(0).getThrown().getMessage());
            assertTrue(logged.get(0).getMessage().contains("GET /throw"), logged.get(0).getMessage());
        }
    }

    @Test
    void exceptionAfterAWriteClosesTheConnection() throws Exception {
        try (TestServer s = TestServer.start(failing()); RawClient c = s.connect()) {
            c.send("GET /throw-after-write HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", c.readLine());
            // The promised 100 bytes never come: the connection ends after what was written.
            String rest = new String(c.readToEnd(), StandardCharsets.US_ASCII);
            assertEquals("Content-Length: 100\r\n\r\npartial", rest);
            s.assertServes();
        }
    }

    @Test
    void exceptionInAWriteCallbackClosesTheConnection() throws Exception {
        try (TestServer s = TestServer.start(failing()); RawClient c = s.connect()) {
            c.send("GET /throw-in-write-callback HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", c.readLine());
            assertTrue(c.closedByServer());
            s.assertServes();
        }
        synchronized (capture) {
            assertEquals("boom in a write callback", logged.get(0).getThrown().getMessage());
        }
    }

    @Test
    void writingAfterFinishIsAnError() throws Exception {
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        try (TestServer s = TestServer.start(r -> {
            TestServer.echo(r);
            try {
                r.finish();
                second.complete(null);
            } catch (IllegalStateException e) {
                second.complete(e);
            }
        }); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            Throwable e = second.get(5, TimeUnit.SECONDS);
            assertTrue(e instanceof IllegalStateException && e.getMessage().startsWith("Request closed"), String.valueOf(e));
        }
    }

    /** CallbackBoundary's rule: a VM failure closes this connection unanswered; the loop goes on. */
    @Test
    void outOfMemoryInTheCallbackClosesThatConnectionOnlyAndIsLogged() throws Exception {
        try (TestServer s = TestServer.start(failing()); RawClient c = s.connect()) {
            c.send("GET /oom HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(0, c.readToEnd().length, "an OutOfMemoryError gets no answer, only a close");
            s.assertServes();
            try (RawClient d = s.connect()) {
                d.send("GET /oom-in-write-callback HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("HTTP/1.1 200 OK", d.readLine());
                assertTrue(d.closedByServer());
            }
            s.assertServes();
        }
        synchronized (capture) {
            assertTrue(logged.stream().anyMatch(r -> r.getThrown() instanceof OutOfMemoryError
                    && r.getMessage().contains("GET /oom")), "the OutOfMemoryError is logged");
        }
    }

    /** A stack overflow is the handler's own fault: an ordinary failure, answered 500. */
    @Test
    void stackOverflowInTheCallbackIsAnswered500() throws Exception {
        try (TestServer s = TestServer.start(failing()); RawClient c = s.connect()) {
            c.send("GET /recurse HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, c.readResponse().status());
            s.assertServes();
        }
    }
}
