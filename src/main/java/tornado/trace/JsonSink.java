package tornado.trace;

import java.io.PrintStream;

/**
 * The machine sink: one JSON object per line ({@code seq, conn, step, java, file, line, detail,
 * depth, thread}). Tests never parse the text sink; they read these lines, or a
 * {@link RecordingSink}, which holds the same events without the round trip.
 */
@JavaOnly("prints trace events for programs")
public final class JsonSink implements TraceSink {
    private final PrintStream out;

    public JsonSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent e) {
        out.println(e.toJson());
        out.flush();
    }
}
