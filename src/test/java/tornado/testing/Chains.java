package tornado.testing;

import java.util.List;

import tornado.trace.TraceEvent;

/**
 * Assertions over recorded trace events: the tests of every chapter check their chains with
 * these, never by parsing the text sink.
 */
public final class Chains {
    private Chains() {}

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
