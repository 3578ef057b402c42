package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;

/** The sentences that explain a surprising order sit next to the traces that have one, and only there. */
class TraceNotesTest {
    private static TraceEvent ev(long seq, int conn, String step, String detail) {
        return new TraceEvent(seq, conn, step, "X.y(X.java:1)", "X.java", 1, detail, 2, "loop");
    }

    @Test
    void stepsAfterTheClientsEndOfFileAreExplainedOnce() {
        List<TraceNotes.Note> notes = TraceNotes.notes(List.of(
                ev(1, 1, "HTTPConnection._on_headers", "GET / HTTP/1.1"),
                ev(2, 1, "IOStream._read_to_buffer", "end of file"),
                ev(3, 1, "HTTPConnection._on_write_complete", "request finished"),
                ev(4, 1, "HTTPConnection._finish_request", "close")), "t-");
        assertEquals(1, notes.size(), notes.toString());
        assertEquals(2, notes.get(0).first());
        assertEquals(3, notes.get(0).then());
        assertTrue(notes.get(0).html().contains("<a href=\"#t-3\">#3 <code>HTTPConnection._on_write_complete</code></a>"
                + " comes after the peer's end of file at <a href=\"#t-2\">"), notes.get(0).html());
        assertTrue(notes.get(0).html().contains("half-closed"), notes.get(0).html());
    }

    @Test
    void aPipelinedRequestParsedWithoutAReadIsExplained() {
        List<TraceNotes.Note> notes = TraceNotes.notes(List.of(
                ev(1, 1, "IOStream._read_to_buffer", "120 bytes, 120 buffered"),
                ev(2, 1, "HTTPConnection._on_headers", "GET /a HTTP/1.1"),
                ev(3, 1, "HTTPConnection._finish_request", "keep-alive"),
                ev(4, 1, "HTTPConnection._on_headers", "GET /b HTTP/1.1")), "t-");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).html().contains("pipelined"), notes.get(0).html());
    }

    @Test
    void anOrdinaryKeepAliveStoryNeedsNoNote() {
        assertEquals(List.of(), TraceNotes.notes(List.of(
                ev(1, 1, "IOStream._read_to_buffer", "40 bytes, 40 buffered"),
                ev(2, 1, "HTTPConnection._on_headers", "GET /a HTTP/1.1"),
                ev(3, 1, "HTTPConnection._finish_request", "keep-alive"),
                ev(4, 1, "IOStream._read_to_buffer", "40 bytes, 40 buffered"),
                ev(5, 1, "HTTPConnection._on_headers", "GET /b HTTP/1.1"),
                ev(6, 1, "IOStream._read_to_buffer", "end of file"),
                ev(7, 1, "IOStream.close", "")), "t-"));
    }
}
