package tornado.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import tornado.testing.Chains;
import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;

/** The echo walkthrough, run as the tour and the site run it, and its chain from the trace. */
class TcpEchoTest {

    @Test
    void scriptedRunEchoesBothLinesAndTracesTheChain() throws Exception {
        Walkthroughs.Recorded run = Walkthroughs.record("tcp-echo");
        assertEquals("hello\nworld\n", run.transcript());

        // The server's side of the connection is the one that was accepted.
        int conn = run.events().stream().filter(e -> e.step().equals("netutil.accept_handler"))
                .mapToInt(TraceEvent::conn).findFirst().orElseThrow();
        List<String> steps = run.events().stream().filter(e -> e.conn() == conn).map(TraceEvent::step).toList();
        Chains.assertSubsequence(List.of("netutil.accept_handler", "TCPServer._handle_connection", "TCPServer.handle_stream", "IOStream.read_until",
                "IOStream._handle_events", "IOStream._read_to_buffer", "IOStream._read_from_buffer", "IOStream._run_callback", "IOStream.write",
                "IOStream._handle_write"), steps);
        // Every event names a real Java place and a depth.
        for (TraceEvent e : run.events()) {
            assertTrue(e.java().matches("\\w+\\.[\\w$<>]+\\(\\w+\\.java:\\d+\\)"), e.java());
            assertTrue(e.depth() >= 0);
        }
    }

}
