package tornado.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Step mode: passes each event on, then waits for Enter before the server takes its next step.
 *
 * <p>Because the trace is called on the loop's own thread, waiting here freezes the whole server
 * between two steps of the chain, which is exactly what a reader stepping through wants: the
 * client's bytes sit in the kernel until you press Enter. When standard input is not a terminal
 * (a test, a pipe, CI) it never waits, so {@code --step} can never hang an unattended run.
 */
@JavaOnly("pauses the server between steps so a reader can follow the chain by hand")
public final class StepSink implements TraceSink {
    private final TraceSink next;
    private final BufferedReader in;
    private final boolean interactive;

    public StepSink(TraceSink next) {
        this.next = next;
        this.interactive = System.console() != null;
        this.in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    @Override
    public void accept(TraceEvent e) {
        next.accept(e);
        if (!interactive) return;
        System.err.print("      [Enter] next step ");
        System.err.flush();
        try {
            if (in.readLine() == null) { /* stdin closed: stop pausing */ }
        } catch (IOException ignored) {
            // A broken terminal must not break the server; we simply stop pausing.
        }
    }
}
