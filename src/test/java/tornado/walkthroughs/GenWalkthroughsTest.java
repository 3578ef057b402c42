package tornado.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;

class GenWalkthroughsTest {

    @Test
    void theThreeStylesCollectTheSameBodies() throws Exception {
        String t = Walkthroughs.named("three-styles").runScripted();
        String expected = "[slept 10 ms, Hello, world, slept 5 ms, slept 20 ms, Hello, world]";
        assertEquals("callbacks: " + expected + "\nfutures:   " + expected + "\ncoroutine: " + expected, t);
    }

    @Test
    void genHelloAnswersTheShortRequestWhileTheSleeperSleepsAndTracesTheSuspension() throws Exception {
        Walkthroughs.Recorded r = Walkthroughs.record("gen-hello");
        assertTrue(r.transcript().contains("slept 20 ms"), r.transcript());
        assertTrue(r.transcript().contains("Hello, world"), r.transcript());
        List<String> steps = r.events().stream().map(TraceEvent::step).toList();
        for (String s : List.of("coroutine", "handle_yield", "Runner.run", "set_result", "_execute", "finish")) {
            assertTrue(steps.contains(s), s + " missing from " + steps);
        }
        // The sleeper's coroutine really parked: it waited for a future that was still pending.
        List<TraceEvent> ev = r.events();
        int sleeperWaits = -1;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).step().equals("handle_yield") && ev.get(i).detail().contains("pending")) { sleeperWaits = i; break; }
        }
        assertTrue(sleeperWaits >= 0, "no handle_yield on a pending future: " + steps);
    }
}
