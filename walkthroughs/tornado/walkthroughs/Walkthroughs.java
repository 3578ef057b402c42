package tornado.walkthroughs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tornado.trace.RecordingSink;
import tornado.trace.Trace;
import tornado.trace.TraceEvent;

/**
 * The front door: {@code mvn -q compile exec:exec -Dwalk=NAME -Dargs="--trace"} lands here with
 * the walkthrough's name first and its flags after. With no name it runs the tour.
 */
public final class Walkthroughs {
    private Walkthroughs() {}

    /** Every walkthrough, in reading order. */
    public static List<Walkthrough> all() {
        List<Walkthrough> list = new ArrayList<>();
        list.add(new TcpEcho());
        list.add(new UriEcho());
        list.add(new Hello());
        list.add(new ThreeStyles());
        list.add(new GenHello());
        return list;
    }

    /** The walkthrough called {@code name}, or an error listing the names there are. */
    public static Walkthrough named(String name) {
        for (Walkthrough w : all()) if (w.name().equals(name)) return w;
        List<String> names = new ArrayList<>();
        for (Walkthrough w : all()) names.add(w.name());
        throw new IllegalArgumentException("no walkthrough named '" + name + "'; there are: tour, "
                + String.join(", ", names));
    }

    /** What {@link #record} returns: the trace of one scripted run and what its client saw. */
    public record Recorded(List<TraceEvent> events, String transcript) {}

    /**
     * Runs {@code name} scripted and in-process with a recording sink installed, and returns its
     * trace. The site build calls this for every walkthrough, so the traces in the book are
     * always those of today's code.
     */
    public static synchronized Recorded record(String name) throws Exception {
        RecordingSink sink = new RecordingSink();
        Trace.install(sink);
        try {
            String transcript = named(name).runScripted();
            return new Recorded(sink.events(), transcript);
        } finally {
            Trace.off();
        }
    }

    public static void main(String[] args) throws Exception {
        // One line per log record, like Tornado's default log format, instead of java.util.logging's
        // two: "20:14:03 INFO tornado.access: 200 GET / (127.0.0.1) 0.41ms". Set before the first
        // logger is made, because SimpleFormatter reads it once.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        String name = args.length == 0 ? "tour" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        if (name.equals("tour")) {
            Tour.main(rest);
            return;
        }
        named(name).serve(rest);
    }
}
