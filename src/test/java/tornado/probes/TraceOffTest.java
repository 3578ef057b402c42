package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.testing.OnBothConnections;
import tornado.trace.RecordingSink;
import tornado.trace.Trace;
import tornado.trace.TraceEvent;
import tornado.web.Application;
import tornado.web.RequestHandler;

/**
 * With the trace off, serving costs nothing of the trace's: no connection is numbered (numbering
 * takes the trace's lock and puts a weak map entry per connection). A trace call outside
 * {@code if (Trace.on)} on the request path shows here as a count above zero.
 */
class TraceOffTest extends OnBothConnections {
    public static class HelloHandler extends RequestHandler {
        @Override
        public void get(String... a) {
            write("Hello, world");
        }
    }

    @Test
    void aServerWithTheTraceOffNumbersNoConnection() throws Exception {
        Trace.off();
        try (Fixtures f = Fixtures.raw(Fixtures::echo)) {
            for (int i = 0; i < 3; i++) {
                try (Wire w = f.connect()) {
                    w.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
                    assertEquals("GET /one 0 ", w.read().text());
                    assertEquals("POST /two 3 abc", w.read().text());
                }
            }
        }
        assertEquals(0, Trace.numberedConnections(), "connections numbered by the trace while it was off");
    }

    @Test
    void anApplicationWithTheTraceOffNumbersNoConnection() throws Exception {
        Trace.off();
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/", HelloHandler.class))))) {
            for (int i = 0; i < 3; i++) {
                try (Wire w = f.connect()) {
                    w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals("Hello, world", w.read().text());
                    assertEquals(404, w.read().status());
                }
            }
        }
        assertEquals(0, Trace.numberedConnections(), "connections numbered by the trace while it was off");
    }

    /**
     * A trace switched on between two requests of one connection shows the second request's
     * steps under that connection's number: nothing on the request path keeps a number it took
     * while the trace was off (0, "the loop's").
     */
    @Test
    void aTraceSwitchedOnBetweenRequestsFilesTheNextOneUnderItsConnection() throws Exception {
        Trace.off();
        try (Fixtures f = Fixtures.raw(Fixtures::echo); Wire w = f.connect()) {
            w.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("GET /one 0 ", w.read().text());
            // The connection now waits for its next request: one turn of the loop and it has
            // made whatever it reads that request with.
            f.lt.run(() -> { });
            RecordingSink sink = new RecordingSink();
            Trace.install(sink);
            try {
                w.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("GET /two 0 ", w.read().text());
            } finally {
                Trace.off();
            }
            // HTTPConnection.finish or HTTP1Connection.finish: taken before the answer is sent, so
            // before the client has it and the trace goes off again.
            List<TraceEvent> finishes = sink.events().stream()
                    .filter(e -> e.step().endsWith("Connection.finish")).toList();
            assertEquals(1, finishes.size(), sink.events().toString());
            assertTrue(finishes.get(0).conn() > 0, "the second request's steps are filed under connection 0: " + finishes);
        }
    }
}
