package tornado.bench;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.walkthroughs.Walkthroughs;

/**
 * One walkthrough's server, alone in its JVM, for {@code bench/run}: the access log silenced
 * (one console line per request would measure the console, not the server) and the trace left
 * at its default, off. {@code bench/run} starts it pinned to one CPU and reads its CPU time from
 * {@code /proc/PID/stat}, which is why it must be a process of its own.
 *
 * <pre>java -cp target/classes:target/test-classes tornado.bench.BenchServer hello --port=8890</pre>
 *
 * Besides the walkthroughs' names it takes {@code hello-plain}, chapter 5's web layer sending
 * the headers Netty's hello sends ({@link PlainHello}).
 */
public final class BenchServer {
    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger ACCESS = Logger.getLogger("tornado.access");

    public static void main(String[] args) throws Exception {
        ACCESS.setLevel(Level.WARNING);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals(PlainHello.NAME)) PlainHello.serve(rest);
        else Walkthroughs.named(args[0]).serve(rest);
    }
}
