package tornado.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every event in memory. The tests assert the chain from these, and the site build records
 * each walkthrough's trace with one and renders it into the chapter.
 */
@JavaOnly("holds trace events for tests and for the site build")
public final class RecordingSink implements TraceSink {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(TraceEvent e) {
        events.add(e);
    }

    /** A copy of what has been recorded so far, in sequence order. */
    public synchronized List<TraceEvent> events() {
        return new ArrayList<>(events);
    }

    /** The step names of one connection, in order: what the chain tests compare. */
    public synchronized List<String> steps(int conn) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events) if (e.conn() == conn) out.add(e.step());
        return out;
    }

    public synchronized void clear() {
        events.clear();
    }
}
