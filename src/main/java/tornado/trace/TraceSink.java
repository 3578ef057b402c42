package tornado.trace;

/**
 * Where trace events go. The trace calls {@link #accept} under its own lock, in sequence order,
 * so a sink never sees two events at once even when several loops run on several threads.
 */
@JavaOnly("the trace's output: a text console, JSON lines, or a list in memory for tests and the site")
public interface TraceSink {
    void accept(TraceEvent event);
}
