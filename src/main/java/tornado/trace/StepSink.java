package tornado.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Step mode: passes each event on, then waits for the reader before the server takes its next
 * step. The keys, each followed by Enter:
 * <pre>
 *   Enter    the next step
 *   c        run on to the next request (the next step that starts one), and pause there
 *   c N      run on for N steps, and pause after the Nth
 *   q        stop pausing: the server runs on, still traced
 *   ?        list the keys
 * </pre>
 *
 * <p>Because the trace is called on the loop's own thread, waiting here freezes the whole server
 * between two steps of the chain, which is exactly what a reader stepping through wants: the
 * client's bytes sit in the kernel until you press Enter. Keys typed while the server was not
 * waiting (say, Enter pressed five times while a request was still on its way) are thrown away
 * when it next waits, so they cannot step through the next request before the reader sees it.
 * When standard input is not a terminal (a test, a pipe, CI) it never waits, so {@code --step}
 * can never hang an unattended run.
 */
@JavaOnly("pauses the server between steps so a reader can follow the chain by hand")
public final class StepSink implements TraceSink {
    /**
     * The steps that start a request, where {@code c} stops: an HTTP request's headers parsed,
     * or a new connection accepted (which is where a TCP walkthrough's exchange begins).
     */
    static final Set<String> REQUEST_STARTS = Set.of("HTTPConnection._on_headers", "netutil.accept_handler");

    static final String PROMPT = "      [Enter] next step · c next request · c N steps · q run · ? keys > ";
    static final String KEYS = """
                  Enter    the next step
                  c        run on to the next request, and pause there
                  c N      run on for N steps, and pause after the last of them
                  q        stop pausing: the server runs on, still traced
                  ?        this list""";

    private enum Mode { PAUSE, TO_REQUEST, COUNT, RUN }

    private final TraceSink next;
    private final InputStream in;
    private final PrintStream out;
    private final boolean interactive;
    private Mode mode = Mode.PAUSE;
    private long remaining;

    /** Pauses on the console: reads {@code System.in}, prompts on {@code System.err}. */
    public StepSink(TraceSink next) {
        this(next, System.in, System.err, onATerminal());
    }

    /**
     * Whether standard input and output are a terminal a person types into. JDK 21's
     * {@code System.console()} is null otherwise; from JDK 22 it may return a console for
     * redirected streams too, and {@code Console.isTerminal()} (asked by name, since we compile
     * for 21) says which it is.
     */
    static boolean onATerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** Pauses reading keys from {@code in} and prompting on {@code out}; never, unless {@code interactive}. */
    public StepSink(TraceSink next, InputStream in, PrintStream out, boolean interactive) {
        this.next = next;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void accept(TraceEvent e) {
        next.accept(e);
        if (!interactive) return;
        switch (mode) {
            case RUN -> { return; }
            case TO_REQUEST -> {
                if (!REQUEST_STARTS.contains(e.step())) return;
            }
            case COUNT -> {
                if (--remaining > 0) return;
            }
            case PAUSE -> { }
        }
        mode = Mode.PAUSE;
        try {
            discardTypedAhead();
            waitForKey();
        } catch (IOException ignored) {
            // A broken terminal must not break the server; we simply stop pausing.
            mode = Mode.RUN;
        }
    }

    private void waitForKey() throws IOException {
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = readLine();
            if (line == null) { mode = Mode.RUN; return; } // stdin closed: stop pausing
            String key = line.strip();
            if (key.isEmpty()) return;
            if (key.equals("q")) {
                mode = Mode.RUN;
                out.println("      stepping off: the server runs on, still traced");
                return;
            }
            if (key.equals("c")) { mode = Mode.TO_REQUEST; return; }
            if (key.startsWith("c ")) {
                try {
                    long n = Long.parseLong(key.substring(2).strip());
                    if (n > 0) { mode = Mode.COUNT; remaining = n; return; }
                } catch (NumberFormatException ignored) {
                    // said below
                }
                out.println("      'c N' wants a number of steps above 0, as in: c 5");
                continue;
            }
            if (key.equals("?")) { out.println(KEYS); continue; }
            out.println("      '" + key + "' is not a key of step mode; ? lists them");
        }
    }

    /** Throws away whatever was typed while the server was not waiting. */
    private void discardTypedAhead() throws IOException {
        int n;
        while ((n = in.available()) > 0) {
            if (in.skip(n) <= 0) break;
        }
    }

    /** One line, read a byte at a time so that nothing past it is taken from the terminal. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') line.write(c);
        if (c == -1 && line.size() == 0) return null;
        return line.toString(StandardCharsets.UTF_8).replace("\r", "");
    }
}
