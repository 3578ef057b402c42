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
        assertTrue(t.startsWith("callbacks: " + expected + "\nfutures:   " + expected + "\ncoroutine: " + expected + "\n"), t);
        // The two stacks of chapter 6: the callback's starts at the loop and has lost the first
        // two steps; the coroutine's is its own, with the plain method that awaited three times.
        String callbacks = t.substring(t.indexOf("callbacks, after"), t.indexOf("coroutine, after"));
        String coroutine = t.substring(t.indexOf("coroutine, after"));
        assertTrue(callbacks.contains("IOLoop.runOnce"), callbacks);
        assertTrue(!callbacks.contains("inSequence"), callbacks);
        assertTrue(coroutine.contains("ThreeStyles.inSequence"), coroutine);
        assertTrue(coroutine.contains("Runner.run"), coroutine);
        assertTrue(!coroutine.contains("IOLoop."), coroutine);
        // The chapter shows the same two stacks: its table must be today's capture.
        assertEquals(chapterStacks(), List.of(frames(callbacks), frames(coroutine)));
    }

    /** The frames of one captured stack, without the heading and the line numbers. */
    private static String frames(String captured) {
        StringBuilder b = new StringBuilder();
        for (String line : captured.split("\n")) {
            if (!line.startsWith("    ")) continue;
            b.append(line.strip().replaceAll("\\(.*\\)$", "")).append('\n');
        }
        return b.toString();
    }

    /** The two literal blocks after the chapter's "captured-stacks" comment. */
    private static List<String> chapterStacks() throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("chapters/06-gen.adoc"));
        String rest = text.substring(text.indexOf("// captured-stacks"));
        List<String> blocks = new java.util.ArrayList<>();
        String[] parts = rest.split("\n\\.\\.\\.\\.\n");
        for (int i = 1; i < parts.length && blocks.size() < 2; i += 2) blocks.add(parts[i] + "\n");
        return blocks;
    }

    @Test
    void genHelloAnswersTheShortRequestWhileTheSleeperSleepsAndTracesTheSuspension() throws Exception {
        Walkthroughs.Recorded r = Walkthroughs.record("gen-hello");
        assertTrue(r.transcript().contains("slept 20 ms"), r.transcript());
        assertTrue(r.transcript().contains("Hello, world"), r.transcript());
        List<String> steps = r.events().stream().map(TraceEvent::step).toList();
        for (String s : List.of("gen.coroutine", "Runner.handle_yield", "Runner.run", "Future.set_result", "RequestHandler._execute", "RequestHandler.finish")) {
            assertTrue(steps.contains(s), s + " missing from " + steps);
        }
        // The sleeper's coroutine really parked: it waited for a future that was still pending.
        List<TraceEvent> ev = r.events();
        int sleeperWaits = -1;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).step().equals("Runner.handle_yield") && ev.get(i).detail().contains("pending")) { sleeperWaits = i; break; }
        }
        assertTrue(sleeperWaits >= 0, "no handle_yield on a pending future: " + steps);
    }
}
