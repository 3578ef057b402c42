package tornado.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceTest {
    @AfterEach
    void off() {
        Trace.off();
    }

    /** The one way a trace detail shows a value (a future's result, a coroutine's): cut at 40. */
    @Test
    void shortlyCutsAValueAtFortyCharacters() {
        assertEquals("null", Trace.shortly(null));
        assertEquals("x".repeat(40), Trace.shortly("x".repeat(40)));
        assertEquals("x".repeat(40) + "…", Trace.shortly("x".repeat(41)));
    }

    @Test
    void eventsCarrySequenceStepJavaPlaceAndDepth() {
        RecordingSink sink = new RecordingSink();
        Trace.install(sink);
        Trace.step(3, 2, "IOStream.read_until", "delimiter=\"\\r\\n\\r\\n\"");
        Trace.step(3, 3, "HTTPConnection._on_headers", "GET / HTTP/1.1");
        List<TraceEvent> events = sink.events();
        assertEquals(2, events.size());
        TraceEvent first = events.get(0);
        assertEquals(1, first.seq());
        assertEquals(2, events.get(1).seq());
        assertEquals(3, first.conn());
        assertEquals("IOStream.read_until", first.step());
        assertEquals(2, first.depth());
        // The Java place is this test's line, in the clickable (File.java:line) form.
        assertTrue(first.java().startsWith("TraceTest.eventsCarrySequenceStepJavaPlaceAndDepth(TraceTest.java:"),
                first.java());
        assertEquals("tornado/trace/TraceTest.java", first.file());
        assertTrue(first.line() > 0);
    }

    @Test
    void jsonLinesRoundTrip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trace.install(new JsonSink(new PrintStream(out, true, StandardCharsets.UTF_8)));
        Trace.step(1, 4, "IOStream.write", "say \"hi\"\r\n\\ done");
        String line = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(line.startsWith("{\"seq\":1,\"conn\":1,\"step\":\"IOStream.write\",\"java\":"), line);
        assertTrue(line.matches(".*,\"time\":\\d+,\"side\":\"server\"}$"), line);
        TraceEvent back = TraceEvent.fromJson(line);
        assertEquals("IOStream.write", back.step());
        assertEquals("say \"hi\"\r\n\\ done", back.detail());
        assertEquals(4, back.depth());
        assertEquals(1, back.conn());
        assertEquals(TraceEvent.SERVER, back.side());
    }

    /** Times are microseconds since the recording started, and never go backwards. */
    @Test
    void eventsCarryAMonotonicTimeSinceTheRecordingStarted() {
        RecordingSink sink = new RecordingSink();
        long before = System.nanoTime();
        Trace.install(sink);
        Trace.step(1, Trace.ENTRY, "IOStream.read_until", "");
        Trace.step(1, Trace.ENTRY, "IOStream.read_until", "");
        long bound = (System.nanoTime() - before) / 1_000;
        List<TraceEvent> events = sink.events();
        assertTrue(events.get(0).micros() >= 0 && events.get(0).micros() <= events.get(1).micros(), events.toString());
        assertTrue(events.get(1).micros() <= bound, events + " after " + bound + " µs");
        assertEquals(events.get(1), TraceEvent.fromJson(events.get(1).toJson()));
    }

    /** A stream that connects out is a client's end, in every event of its connection. */
    @Test
    void aConnectionMarkedAsAClientIsLabelledClient() {
        RecordingSink sink = new RecordingSink();
        Trace.install(sink);
        Trace.client(2);
        Trace.step(2, Trace.STREAM, "IOStream.connect", "");
        Trace.step(3, Trace.ENTRY, "netutil.accept_handler", "");
        Trace.step(0, Trace.LOOP, "IOLoop.poll", "");
        List<TraceEvent> events = sink.events();
        assertEquals(List.of(TraceEvent.CLIENT, TraceEvent.SERVER, TraceEvent.LOOP),
                events.stream().map(TraceEvent::side).toList());
        assertTrue(events.get(0).client());
        // A new recording forgets the old one's clients, as it forgets its connection numbers.
        Trace.install(sink);
        Trace.step(2, Trace.STREAM, "IOStream.write", "");
        assertEquals(TraceEvent.SERVER, sink.events().get(events.size()).side());
    }

    /**
     * A step taken on behalf of what is running (a callback or timeout added) nests one level
     * below this thread's last step and belongs to its connection; several in a row stay level.
     */
    @Test
    void withinNestsUnderTheLastStepOfThisThread() throws Exception {
        RecordingSink sink = new RecordingSink();
        Trace.install(sink);
        Trace.within("IOLoop.add_callback", "before any step");
        Trace.step(4, Trace.STREAM, "IOStream.write", "");
        Trace.within("IOLoop.add_callback", "a");
        Trace.within("IOLoop.add_callback", "b");
        Thread other = new Thread(() -> Trace.within("IOLoop.add_callback", "from another thread"));
        other.start();
        other.join(10_000);
        List<TraceEvent> events = sink.events();
        assertEquals(List.of(0, 4, 4, 4, 0), events.stream().map(TraceEvent::conn).toList());
        assertEquals(List.of(Trace.LOOP, Trace.STREAM, Trace.STREAM + 1, Trace.STREAM + 1, Trace.LOOP),
                events.stream().map(TraceEvent::depth).toList());
    }

    @Test
    void textSinkShowsTheTimeOnlyWhenAsked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trace.install(new TextSink(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        Trace.step(1, Trace.CALL, "IOStream._handle_read", "");
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("(?s)\\s*\\d+\\.\\d{3} ms  #1 .*"), line);
        TraceEvent e = new TraceEvent(1, 1, "IOStream._handle_read", "X.y(X.java:1)", "X.java", 1, "", 3, "main");
        assertTrue(TextSink.line(e, false).startsWith("#1 "), TextSink.line(e, false));
    }

    @Test
    void textSinkIndentsByDepthAndEndsWithTheJavaPlace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trace.install(new TextSink(new PrintStream(out, true, StandardCharsets.UTF_8)));
        Trace.step(0, 0, "IOLoop.poll", "1 ready");
        Trace.step(1, 3, "IOStream._handle_read", "");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].contains("c1  server       IOStream._handle_read"), lines[1]);
        assertTrue(lines[0].startsWith("#1    --         IOLoop.poll"), lines[0]);
        assertTrue(lines[1].matches(".*\\(TraceTest\\.java:\\d+\\)$"), lines[1]);
    }

    @Test
    void connectionIdsAreSmallStableAndZeroForNonConnections() throws Exception {
        Trace.install(new RecordingSink());
        try (SocketChannel a = SocketChannel.open(); SocketChannel b = SocketChannel.open()) {
            int ia = Trace.connectionId(a);
            int ib = Trace.connectionId(b);
            assertTrue(ia > 0 && ib > 0 && ia != ib);
            assertEquals(ia, Trace.connectionId(a));
            assertEquals(0, Trace.connectionId("not a channel"));
        }
    }

    @Test
    void configureUnderstandsTheWalkthroughFlags() {
        Trace.configure("json", false);
        assertTrue(Trace.on);
        Trace.configure("off", false);
        assertFalse(Trace.on);
        Trace.configure("text", true);
        assertTrue(Trace.on);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trace.configure("loud", false));
    }

    /**
     * The promise of chapter 0: with tracing off, a guarded call site builds no string and walks
     * no stack. We measure the bytes this thread allocates over many guarded calls whose detail
     * would allocate if it were built.
     */
    @Test
    void offCostsNoAllocation() {
        Trace.off();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int sum = 0;
        // Warm up so that the measured loop runs compiled code.
        for (int i = 0; i < 200_000; i++) sum += guardedSite(i);
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++) sum += guardedSite(i);
        long after = mx.getThreadAllocatedBytes(id);
        assertTrue(sum >= 0);
        // A single built detail string per call would be tens of megabytes here; allow only the
        // few bytes the measurement itself may cost.
        assertTrue(after - before < 4_096, "trace off allocated " + (after - before) + " bytes over 1e6 calls");
    }

    private static int guardedSite(int i) {
        if (Trace.on) Trace.step(1, 2, "IOStream.read_until", "delimiter at " + i + " of " + Integer.toHexString(i));
        return i & 1;
    }
}
