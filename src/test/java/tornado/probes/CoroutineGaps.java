package tornado.probes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probes that chapter 7's coroutine connection does not pass yet, each skipped there with a
 * printed reason that names the gap, in one place: when a gap is closed, its method goes and the
 * probes that called it run on both connections again. A gap is a behaviour that differs from
 * chapter 4's connection in a way a client or an operator notices, and that is being fixed; a
 * difference meant to stay is stated in chapter 7 ("Where the two connections differ") and
 * skipped where the test is, with that reason.
 */
final class CoroutineGaps {
    private CoroutineGaps() {}

    /**
     * Requests followed by the client's half-close: on the coroutine connection the stream closes
     * in the loop turn between its read callback and the coroutine's resumption, and the last
     * request (or a request with a body) is read but never answered.
     */
    static void halfClose(String connection) {
        assumeTrue(connection.equals("callback"), "coroutine connection gap: after the client's half-close the last "
                + "request is not answered (being fixed with the half-close work; drop CoroutineGaps.halfClose then)");
    }

    /**
     * The whole-body deadline (HTTPServerOptions' grace period and minimum body rate): the
     * coroutine connection watches only for progress (bodyTimeout), so a body that never comes
     * or comes a byte at a time keeps its share of the body budget.
     */
    static void bodyDeadline(String connection) {
        assumeTrue(connection.equals("callback"), "coroutine connection gap: no whole-body deadline (grace period + "
                + "minimum body rate), a slow-drip body is never cut off (being fixed with the body watch; drop "
                + "CoroutineGaps.bodyDeadline then)");
    }

    /**
     * The coroutine connection's watch logs its timeouts with Java's Duration text ("PT0.2S")
     * and without the client's address, where chapter 4 writes "from 127.0.0.1: … within 200 ms"
     * (trace.Durations).
     */
    static void watchLogWording(String connection) {
        assumeTrue(connection.equals("callback"), "coroutine connection gap: ReadWatch logs 'header block not complete "
                + "within PT0.2S', not chapter 4's '… within 200 ms' (trace.Durations); drop "
                + "CoroutineGaps.watchLogWording once it uses Durations.describe");
    }
}
