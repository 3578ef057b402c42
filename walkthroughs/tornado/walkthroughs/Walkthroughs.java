package tornado.walkthroughs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.options.PrettyLogging;
import tornado.trace.RecordingSink;
import tornado.trace.Trace;
import tornado.trace.TraceEvent;

/**
 * The front door: {@code mvn -q compile exec:exec -Dwalk=NAME -Dargs="--trace"} lands here with
 * the walkthrough's name first and its flags after. With no name it runs the tour.
 */
public final class Walkthroughs {
    private Walkthroughs() {}

    /** The exit status of a usage mistake, as for every command-line program. */
    public static final int USAGE = 2;

    // The access log of a scripted run is noise next to its trace (the tour and the site show the
    // trace; the transcript shows the answer), so recording quiets it. Held here so that the
    // logger, and with it its level, cannot be collected while quieted.
    private static final Logger ACCESS = Logger.getLogger("tornado.access");

    /** Every walkthrough, in reading order. */
    public static List<Walkthrough> all() {
        List<Walkthrough> list = new ArrayList<>();
        list.add(new TcpEcho());
        list.add(new UriEcho());
        list.add(new Hello());
        list.add(new ThreeStyles());
        list.add(new GenHello());
        list.add(new HelloCoroutine());
        return list;
    }

    /** The walkthrough called {@code name}, or a {@link UsageError} listing the names there are. */
    public static Walkthrough named(String name) {
        for (Walkthrough w : all()) if (w.name().equals(name)) return w;
        List<String> names = new ArrayList<>();
        for (Walkthrough w : all()) names.add(w.name());
        throw new UsageError("there is no walkthrough named '" + name + "'; pick one of tour, "
                + String.join(", ", names) + " (as in -Dwalk=hello)");
    }

    /** What {@link #record} returns: the trace of one scripted run and what its client saw. */
    public record Recorded(List<TraceEvent> events, String transcript) {}

    /**
     * Runs {@code name} scripted and in-process with a recording sink installed, and returns its
     * trace. The site build calls this for every walkthrough, so the traces in the book are
     * always those of today's code. The recording starts once the server is listening (the
     * steps that set up the loop and the server are not the story), and the access log is
     * quiet meanwhile, so that the tour and the site build print only what they mean to.
     */
    public static synchronized Recorded record(String name) throws Exception {
        Walkthrough w = named(name);
        RecordingSink sink = new RecordingSink();
        Level access = ACCESS.getLevel();
        ACCESS.setLevel(Level.WARNING);
        Running.traceWhenListening(sink);
        try {
            String transcript = w.runScripted();
            return new Recorded(sink.events(), transcript);
        } finally {
            Running.traceWhenListening(null);
            Trace.off();
            ACCESS.setLevel(access);
        }
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.err);
        if (status != 0) System.exit(status);
    }

    /**
     * Runs the tour or the walkthrough {@code args[0]} with the flags after it, and returns the
     * exit status: 0, or {@link #USAGE} after printing on {@code err} the one sentence that says
     * what was wrong with the command line. Serving walkthroughs return only when stopped.
     */
    static int run(String[] args, PrintStream err) throws Exception {
        // One line per log record, Tornado's format, instead of java.util.logging's two:
        // "[I 261201 20:14:03 tornado.access] 200 GET / (127.0.0.1) 0.41ms".
        PrettyLogging.enablePrettyLogging();
        String name = args.length == 0 || args[0].isBlank() ? "tour" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        try {
            if (name.equals("tour")) Tour.main(rest);
            else named(name).serve(rest);
            return 0;
        } catch (UsageError e) {
            err.println(name + ": " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            String sentence = cannotListen(e);
            if (sentence == null) throw e;
            err.println(name + ": " + sentence);
            return USAGE;
        }
    }

    /**
     * The sentence for a listening socket that could not be opened because of what the user
     * asked for (a port already taken, an address this machine does not have), or null for any
     * other I/O failure, which is a real error and keeps its stack trace.
     */
    static String cannotListen(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return e.getMessage() + "; another program (or another walkthrough) is using that port:"
                        + " stop it, or pick another with --port=N (0 picks a free one)";
            }
            if (t instanceof UnknownHostException) {
                return e.getMessage() + "; give --address a name or IP address of this machine, such as 127.0.0.1";
            }
        }
        return null;
    }
}
