package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import tornado.testing.Chains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tornado.trace.RecordingSink;
import tornado.trace.Trace;
import tornado.trace.TraceEvent;

/**
 * The golden chain: the trace of one GET on one connection shows the steps of ARCHITECTURE.adoc's
 * "The chain", in order.
 * Asserted from JSON events (each recorded event written as JSON and read back), as every chain
 * test is, never from the text output.
 */
class ChainTraceTest {
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void traceOff() {
        Trace.off();
    }

    /** The server side's steps, from JSON, for the connection on which {@code _on_headers} saw {@code startLine}. */
    private List<TraceEvent> connectionEvents(String startLine) {
        List<TraceEvent> all = new ArrayList<>();
        for (TraceEvent e : sink.events()) all.add(TraceEvent.fromJson(e.toJson()));
        int conn = all.stream().filter(e -> e.step().equals("HTTPConnection._on_headers") && e.detail().equals(startLine))
                .findFirst().orElseThrow(() -> new AssertionError("no _on_headers for " + startLine + " in " + all)).conn();
        return all.stream().filter(e -> e.conn() == conn).toList();
    }


    @Test
    void oneGetFollowsTheSeedsChain() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo)) {
            // Install once the server is listening and before the client connects, so that the
            // chain starts at the accept.
            Trace.install(sink);
            RawClient c = s.connect();
            c.send("GET /golden HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /golden\n", c.readResponse().text());
            // The response is out before _finish_request's read_until is traced; let the loop catch up.
            s.settle();
            List<TraceEvent> events = connectionEvents("GET /golden HTTP/1.1");
            Chains.assertChain(List.of("netutil.accept_handler", "TCPServer._handle_connection", "TCPServer.handle_stream", "IOStream.read_until", "HTTPConnection._on_headers",
                    "HTTPConnection.request_callback", "HTTPConnection.write", "HTTPConnection.finish", "HTTPConnection._finish_request", "IOStream.read_until"), events);
            TraceEvent finish = events.stream().filter(e -> e.step().equals("HTTPConnection._finish_request")).findFirst().orElseThrow();
            assertEquals("keep-alive", finish.detail());
            assertTrue(finish.java().startsWith("HTTPConnection.finishRequest(HTTPConnection.java:"), finish.java());
            assertEquals("tornado/httpserver/HTTPConnection.java", finish.file());
            c.close();
        }
    }

    @Test
    void aSecondRequestOnTheConnectionStartsFromTheSecondReadUntil() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            Trace.install(sink);
            c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
            c.readResponse();
            c.send("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
            c.readResponse();
            assertTrue(c.closedByServer());
            List<TraceEvent> events = connectionEvents("GET /one HTTP/1.1");
            Chains.assertChain(List.of("HTTPConnection._on_headers", "HTTPConnection.request_callback", "HTTPConnection.write", "HTTPConnection.finish", "HTTPConnection._finish_request",
                    "IOStream.read_until", "HTTPConnection._on_headers", "IOStream.read_bytes", "HTTPConnection._on_request_body", "HTTPConnection.request_callback", "HTTPConnection.write",
                    "HTTPConnection.finish", "HTTPConnection._finish_request", "IOStream.close"), events);
            List<String> details = events.stream().filter(e -> e.step().equals("HTTPConnection._finish_request")).map(TraceEvent::detail).toList();
            assertEquals(List.of("keep-alive", "close"), details);
        }
    }

    @Test
    void aLargeResponseIsFinishedByOnWriteComplete() throws Exception {
        byte[] big = new byte[8 * 1024 * 1024];
        try (TestServer s = TestServer.start(r -> {
            r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes());
            r.write(big);
            r.finish();
        }); RawClient c = s.connect()) {
            Trace.install(sink);
            c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(big.length, c.readResponse().body().length);
            s.settle();
            List<TraceEvent> events = connectionEvents("GET /big HTTP/1.1");
            Chains.assertChain(List.of("HTTPConnection.write", "HTTPConnection.write", "HTTPConnection.finish", "HTTPConnection._on_write_complete", "HTTPConnection._finish_request", "IOStream.read_until"), events);
            TraceEvent finish = events.stream().filter(e -> e.step().equals("HTTPConnection.finish")).findFirst().orElseThrow();
            assertEquals("bytes still queued", finish.detail());
        }
    }

    @Test
    void errorsAndContinueAreSteps() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo, HTTPServerOptions.defaults().withMaxBodySize(10));
             RawClient c = s.connect()) {
            Trace.install(sink);
            c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.readLine());
            c.readLine();
            c.send("20\r\n");
            assertEquals(413, c.readResponse().status());
            // The end of file comes from the lingering close's shutdown: its step is traced by then.
            assertTrue(c.cleanEndOfFile());
            List<TraceEvent> events = connectionEvents("POST /e HTTP/1.1");
            Chains.assertChain(List.of("HTTPConnection._on_headers", "HTTPConnection.100-continue", "HTTPConnection._read_chunked_body", "HTTPConnection.error", "HTTPConnection.lingering_close"), events);
            TraceEvent error = events.stream().filter(e -> e.step().equals("HTTPConnection.error")).findFirst().orElseThrow();
            assertTrue(error.detail().startsWith("413 Content Too Large: chunked body larger than"), error.detail());
        }
    }
}
