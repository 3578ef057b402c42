package tornado.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tornado.trace.JsonSink;
import tornado.trace.Trace;
import tornado.trace.TraceEvent;
import tornado.walkthroughs.Walkthrough;

/**
 * Assertions over recorded trace events: the tests of every chapter check their chains with
 * these, never by parsing the text sink.
 */
public final class Chains {
    private Chains() {}

    /**
     * Runs {@code walkthrough}'s scripted request with the trace printed as JSON lines, exactly as
     * {@code --trace=json} prints them, reads the lines back, and returns the events of the
     * server's end of the first accepted connection: the golden chain tests' one way to get them.
     */
    public static List<TraceEvent> serverSideOfScriptedRun(Walkthrough walkthrough) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Trace.install(new JsonSink(new PrintStream(json, true, StandardCharsets.UTF_8)));
        try {
            walkthrough.runScripted();
        } finally {
            Trace.off();
        }
        List<TraceEvent> all = new ArrayList<>();
        for (String line : json.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) all.add(TraceEvent.fromJson(line));
        }
        int conn = all.stream().filter(e -> e.step().equals("netutil.accept_handler")).findFirst().orElseThrow().conn();
        return all.stream().filter(e -> e.conn() == conn).toList();
    }

    /** The step names of {@code events}, in order. */
    public static List<String> steps(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::step).toList();
    }

    /** Asserts that the steps of {@code events} contain {@code expected} in order. */
    public static void assertChain(List<String> expected, List<TraceEvent> events) {
        assertSubsequence(expected, steps(events));
    }

    /** Asserts that {@code expected} occurs in {@code steps} as a subsequence, in order. */
    public static void assertSubsequence(List<String> expected, List<String> steps) {
        int at = 0;
        for (String step : expected) {
            int found = steps.subList(at, steps.size()).indexOf(step);
            if (found < 0) {
                throw new AssertionError("step '" + step + "' missing after position " + at
                        + "; expected the chain " + expected + " in " + steps);
            }
            at += found + 1;
        }
    }
}
