package tornado.trace;

import java.time.Duration;
import java.util.Locale;

/**
 * How a duration reads in a log line, a trace detail or an error message: {@code "60 s"},
 * {@code "1 h"}, {@code "250 ms"}, {@code "0.25 ms"}. Java's own {@code Duration.toString()} gives
 * ISO 8601 ({@code PT1M}), which a person reading a log has to decode; every place that shows a
 * duration to a person goes through here instead, so they all read the same way.
 *
 * <p>The rule: a whole number of hours in hours, a whole number of seconds in seconds, anything
 * from 10 s up in rounded seconds, then rounded milliseconds down to 10 ms, and two decimals of a
 * millisecond below that (a timer due in a fraction of a millisecond still says how soon).
 * Minutes are never used, so that two figures in one log are always in units that compare at a
 * glance.
 */
@JavaOnly("Python prints its timeouts as plain float seconds; Java's Duration prints ISO 8601")
public final class Durations {
    private Durations() {
    }

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    public static String describe(Duration d) {
        return describe(d.toNanos());
    }

    public static String describe(long nanos) {
        if (nanos >= HOUR && nanos % HOUR == 0) return nanos / HOUR + " h";
        if (nanos >= SECOND && nanos % SECOND == 0) return nanos / SECOND + " s";
        if (nanos >= 10 * SECOND) return Math.round(nanos / 1e9) + " s";
        double ms = nanos / 1e6;
        if (ms >= 10) return Math.round(ms) + " ms";
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
