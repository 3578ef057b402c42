package tornado.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tornado.trace.TraceEvent;

/**
 * The sentences a recorded trace needs next to it when its order would surprise a reader: steps
 * of a connection after its peer's end of file (a half-closed connection), or a request whose
 * headers were parsed without the socket being read again (requests pipelined into one read).
 * Each sentence names the rows it explains, so a reader can jump to them; a trace with nothing
 * surprising gets no sentence.
 */
final class TraceNotes {
    private TraceNotes() {}

    /** One explanation of an order, with the two rows it is about. */
    record Note(long first, long then, String html) {}

    static List<Note> notes(List<TraceEvent> events, String rowIdPrefix) {
        List<Note> out = new ArrayList<>();
        Map<Integer, TraceEvent> endOfFile = new HashMap<>();
        Map<Integer, Boolean> halfCloseNoted = new HashMap<>();
        // Per connection: the last _on_headers, and whether the socket was read since.
        Map<Integer, TraceEvent> lastHeaders = new HashMap<>();
        Map<Integer, Boolean> readSince = new HashMap<>();
        for (TraceEvent e : events) {
            int c = e.conn();
            if (c == 0) continue;
            if (e.step().equals("IOStream._read_to_buffer")) {
                readSince.put(c, true);
                if (e.detail().startsWith("end of file")) endOfFile.putIfAbsent(c, e);
                continue;
            }
            TraceEvent eof = endOfFile.get(c);
            boolean http = e.step().startsWith("HTTPConnection.") || e.step().startsWith("RequestHandler.")
                    || e.step().startsWith("Application.");
            if (eof != null && http && !halfCloseNoted.containsKey(c)) {
                halfCloseNoted.put(c, true);
                out.add(new Note(eof.seq(), e.seq(), link(rowIdPrefix, e) + " comes after the peer's end of file at "
                        + link(rowIdPrefix, eof) + " because the client closed only its sending half: a half-closed"
                        + " connection can still carry the answer, so the server finishes the request it holds"
                        + " and closes once the answer is sent (chapter 2 explains half-close)."));
            }
            if (e.step().equals("HTTPConnection._on_headers")) {
                TraceEvent before = lastHeaders.get(c);
                if (before != null && !readSince.getOrDefault(c, false)) {
                    out.add(new Note(before.seq(), e.seq(), link(rowIdPrefix, e) + " parses a request without reading"
                            + " the socket again since " + link(rowIdPrefix, before) + ": the client pipelined it, its"
                            + " bytes arrived with the request before and waited in the read buffer until that one"
                            + " was answered."));
                }
                lastHeaders.put(c, e);
                readSince.put(c, false);
            }
        }
        return out;
    }

    private static String link(String rowIdPrefix, TraceEvent e) {
        return "<a href=\"#" + rowIdPrefix + e.seq() + "\">#" + e.seq() + " <code>" + Html.esc(e.step()) + "</code></a>";
    }
}
